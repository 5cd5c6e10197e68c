//! Undo and redo by snapshots of the document.
//!
//! Each recorded step keeps the document as it was before the step. Steps that belong to one
//! gesture (every frame of a slider drag) share a group key and merge into a single step until
//! the gesture ends, so one drag is one undo.

/// One undoable step: the document before it and a label for menus.
#[derive(Clone, Debug)]
struct Step<T> {
    before: T,
    label: String,
}

/// Undo and redo stacks of document snapshots.
#[derive(Clone, Debug)]
pub struct History<T> {
    undo: Vec<Step<T>>,
    redo: Vec<Step<T>>,
    /// The group of the newest step while its gesture lasts.
    open_group: Option<String>,
    limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self::new(200)
    }
}

impl<T> History<T> {
    /// A history that keeps at most `limit` undo steps (the oldest are dropped).
    pub fn new(limit: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            open_group: None,
            limit: limit.max(1),
        }
    }

    /// Records a step whose previous document was `before`. With a `group` equal to the open
    /// group, the step merges into the newest one (whose `before` is kept).
    pub fn record(&mut self, before: T, label: &str, group: Option<&str>) {
        self.redo.clear();
        if self.merges(group) {
            return;
        }
        self.open_group = group.map(str::to_string);
        self.undo.push(Step {
            before,
            label: label.to_string(),
        });
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// Whether a step with this group would merge into the newest one, so the caller need not
    /// take a snapshot of the document for it (the point of a cheap slider drag).
    pub fn merges(&self, group: Option<&str>) -> bool {
        group.is_some() && self.open_group.as_deref() == group && !self.undo.is_empty()
    }

    /// Notes that the newest step grew within its gesture (see [`History::merges`]): anything
    /// undone before it can no longer be redone.
    pub fn extend_step(&mut self) {
        self.redo.clear();
    }

    /// Ends the current gesture: the next step starts a new undo step even with the same group.
    pub fn close_group(&mut self) {
        self.open_group = None;
    }

    /// Steps back: returns the document to show, given the current one.
    pub fn undo(&mut self, current: T) -> Result<T, T> {
        self.open_group = None;
        match self.undo.pop() {
            Some(step) => {
                self.redo.push(Step {
                    before: current,
                    label: step.label,
                });
                Ok(step.before)
            }
            None => Err(current),
        }
    }

    /// Steps forward again after an undo.
    pub fn redo(&mut self, current: T) -> Result<T, T> {
        self.open_group = None;
        match self.redo.pop() {
            Some(step) => {
                self.undo.push(Step {
                    before: current,
                    label: step.label,
                });
                Ok(step.before)
            }
            None => Err(current),
        }
    }

    /// Label of the step that undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step that redo would reapply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (e.g. after opening another file).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open_group = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut h = History::new(10);
        let mut doc = 0;
        for next in 1..=3 {
            h.record(doc, "set", None);
            doc = next;
        }
        doc = h.undo(doc).unwrap_or_else(|d| d);
        assert_eq!(doc, 2);
        doc = h.undo(doc).unwrap_or_else(|d| d);
        assert_eq!(doc, 1);
        doc = h.redo(doc).unwrap_or_else(|d| d);
        assert_eq!(doc, 2);
        // A new step clears what could be redone.
        h.record(doc, "set", None);
        doc = 9;
        assert!(!h.can_redo());
        assert_eq!(h.undo(doc).unwrap_or_else(|d| d), 2);
    }

    #[test]
    fn merges_tells_when_no_snapshot_is_needed() {
        let mut h = History::new(10);
        assert!(!h.merges(Some("w")), "no step yet");
        h.record(1, "drag", Some("w"));
        assert!(h.merges(Some("w")));
        assert!(!h.merges(Some("other")));
        assert!(!h.merges(None));
        h.close_group();
        assert!(!h.merges(Some("w")));
    }

    #[test]
    fn a_gesture_is_one_step() {
        let mut h = History::new(10);
        let mut doc = 10;
        for v in [11, 12, 13] {
            h.record(doc, "drag", Some("weight:0"));
            doc = v;
        }
        h.close_group();
        h.record(doc, "drag", Some("weight:0"));
        doc = 20;
        doc = h.undo(doc).unwrap_or_else(|d| d);
        assert_eq!(doc, 13);
        doc = h.undo(doc).unwrap_or_else(|d| d);
        assert_eq!(doc, 10);
        assert!(h.undo(doc).is_err());
    }

    #[test]
    fn the_oldest_steps_drop_past_the_limit() {
        let mut h = History::new(2);
        for v in 0..5 {
            h.record(v, "set", None);
        }
        let mut doc = 5;
        let mut seen = Vec::new();
        while let Ok(d) = h.undo(doc) {
            doc = d;
            seen.push(d);
        }
        assert_eq!(seen, vec![4, 3]);
    }
}
