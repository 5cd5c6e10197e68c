//! Tideline's own file chooser, drawn in the window, for desktops with no file dialog (no
//! portal, no zenity): folders and matching files, a path to type, places to jump to, a file
//! name when saving, several files picked by clicks where several may be (each name quoted in
//! the file field), and a question before replacing a file. Folders are read off the UI
//! thread, and at most [`MAX_ENTRIES`] entries are kept, so a huge or slow folder never stalls
//! a frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use egui::{Key, RichText, ScrollArea};

use crate::i18n::{self, fill};

/// The most entries one folder listing keeps.
pub const MAX_ENTRIES: usize = 5_000;

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// A folder's entries that the chooser shows: sub-folders, then files with one of the
/// extensions, each group by name (case ignored); hidden entries (a leading dot) left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// More entries than [`MAX_ENTRIES`] matched; the rest are not shown.
    pub truncated: bool,
}

/// Reads `folder` (see [`Listing`]).
pub fn list_folder(folder: &Path, extensions: &[&str]) -> Result<Listing, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut listing = Listing::default();
    for item in read.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follows links, so a link to a folder opens like one.
        let is_dir = std::fs::metadata(item.path()).is_ok_and(|m| m.is_dir());
        if !is_dir && !has_extension(Path::new(&name), extensions) {
            continue;
        }
        if listing.entries.len() == MAX_ENTRIES {
            listing.truncated = true;
            break;
        }
        listing.entries.push(Entry { name, is_dir });
    }
    listing.entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(listing)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// What the typed text and the chooser's folder come to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// This file is the answer.
    File(PathBuf),
    /// A folder: go into it.
    Folder(PathBuf),
    /// Not an answer; the reason is shown.
    Problem(String),
}

/// Resolves `typed` (a name or path, relative to `folder`) for a chooser that opens or, when
/// `saves`, creates a file. A name saved without one of `extensions` gets the first.
pub fn resolve(folder: &Path, typed: &str, extensions: &[&str], saves: bool) -> Choice {
    let t = i18n::s();
    let typed = typed.trim();
    if typed.is_empty() {
        return Choice::Problem(t.chooser_no_name.to_string());
    }
    let path = expand_home(typed).unwrap_or_else(|| folder.join(typed));
    if path.is_dir() {
        return Choice::Folder(path);
    }
    if !saves {
        return if path.is_file() {
            Choice::File(path)
        } else {
            Choice::Problem(fill(t.chooser_no_such_file, &[&path.display()]))
        };
    }
    let path = match extensions.first() {
        Some(ext) if !has_extension(&path, extensions) => {
            let mut name = path.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            PathBuf::from(name)
        }
        _ => path,
    };
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
            Choice::Problem(fill(t.chooser_no_such_folder, &[&dir.display()]))
        }
        _ if path.is_dir() => Choice::Folder(path),
        _ => Choice::File(path),
    }
}

/// File names as the name field lists several: each in double quotes, `"a.ron" "b.ron"`.
pub fn quote_names(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names in a field written as [`quote_names`] writes them (text outside quotes ignored).
pub fn quoted_names(field: &str) -> Vec<String> {
    field
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|n| !n.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// `~` and `~/…` as the home folder.
fn expand_home(typed: &str) -> Option<PathBuf> {
    let rest = typed.strip_prefix('~')?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let home = std::env::var_os("HOME")?;
    Some(PathBuf::from(home).join(rest.trim_start_matches('/')))
}

/// What the chooser asks: its title and filter, the extensions it lists, a file name to suggest
/// and a folder to start in, and whether the answer is a file to create.
#[derive(Clone, Debug)]
pub struct Question {
    pub title: &'static str,
    pub filter: &'static str,
    pub extensions: &'static [&'static str],
    pub name: Option<String>,
    pub folder: Option<PathBuf>,
    pub saves: bool,
    /// Several files may be picked (opening only): a click adds or takes out a file.
    pub many: bool,
}

impl Question {
    fn saves(&self) -> bool {
        self.saves
    }
}

/// The in-window chooser's state while it is open.
pub struct FileChooser {
    request: Question,
    folder: PathBuf,
    /// The folder's path as it is being edited.
    folder_text: String,
    listing: Result<Listing, String>,
    loading: Option<Receiver<Result<Listing, String>>>,
    /// The file name field (saving), or the selected file (opening).
    name: String,
    selected: Option<usize>,
    /// The files picked so far, when several may be.
    chosen: Vec<String>,
    /// A file that exists, waiting for "replace it?".
    confirm: Option<PathBuf>,
    problem: Option<String>,
    /// Put the cursor in the name field on the first frame.
    focus_name: bool,
}

impl FileChooser {
    pub fn new(request: Question) -> Self {
        let folder = request
            .folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = request.name.clone().unwrap_or_default();
        let mut chooser = Self {
            request,
            folder: PathBuf::new(),
            folder_text: String::new(),
            listing: Ok(Listing::default()),
            loading: None,
            name,
            selected: None,
            chosen: Vec::new(),
            confirm: None,
            problem: None,
            focus_name: true,
        };
        chooser.go(folder);
        chooser
    }

    /// Starts reading `folder` on a worker thread.
    fn go(&mut self, folder: PathBuf) {
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        self.folder_text = folder.display().to_string();
        self.folder = folder.clone();
        self.selected = None;
        self.chosen.clear();
        self.problem = None;
        if !self.request.saves() {
            self.name.clear();
        }
        let extensions = self.request.extensions;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(list_folder(&folder, extensions));
        });
        self.loading = Some(rx);
    }

    fn places(&self) -> Vec<(String, PathBuf)> {
        let t = i18n::s();
        let mut places = Vec::new();
        if let Some(home) = std::env::var_os("HOME") {
            places.push((t.chooser_home.to_string(), PathBuf::from(home)));
        }
        if let Some(f) = &self.request.folder {
            places.push((t.chooser_document_folder.to_string(), f.clone()));
        }
        if let Ok(cwd) = std::env::current_dir() {
            places.push((t.chooser_working_folder.to_string(), cwd));
        }
        places
    }

    /// Tries to finish with what is typed (or selected); `Some` is the answer.
    fn accept(&mut self) -> Option<Vec<PathBuf>> {
        if self.request.many && self.name.contains('"') {
            let mut files = Vec::new();
            for name in quoted_names(&self.name) {
                match resolve(&self.folder, &name, self.request.extensions, false) {
                    Choice::File(p) => files.push(p),
                    Choice::Folder(f) => {
                        self.problem = Some(fill(i18n::s().chooser_no_such_file, &[&f.display()]));
                        return None;
                    }
                    Choice::Problem(why) => {
                        self.problem = Some(why);
                        return None;
                    }
                }
            }
            return (!files.is_empty()).then_some(files);
        }
        match resolve(
            &self.folder,
            &self.name,
            self.request.extensions,
            self.request.saves(),
        ) {
            Choice::File(p) if self.request.saves() && p.exists() => {
                self.confirm = Some(p);
                None
            }
            Choice::File(p) => Some(vec![p]),
            Choice::Folder(f) => {
                self.go(f);
                None
            }
            Choice::Problem(why) => {
                self.problem = Some(why);
                None
            }
        }
    }

    /// Draws the chooser; `Some(answer)` once the user chose (`Some(path)`) or cancelled.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Option<Vec<PathBuf>>> {
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(listing) => {
                    self.listing = listing;
                    self.loading = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.loading = None,
            }
        }
        let t = i18n::s();
        let mut answer = None;
        // Fits the smallest window (800 × 500) with room for the frame.
        let screen = ctx.content_rect().size();
        let width = (screen.x - 80.0).clamp(320.0, 720.0);
        let list_height = (screen.y - 300.0).clamp(120.0, 380.0);
        let modal = egui::Modal::new(egui::Id::unique("in_window_file_chooser")).show(ctx, |ui| {
            ui.set_width(width);
            ui.heading(self.request.title);
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let up = self.folder.parent().map(Path::to_path_buf);
                if ui
                    .add_enabled(up.is_some(), egui::Button::new(t.chooser_up))
                    .on_hover_text(t.chooser_up_hover)
                    .clicked()
                    && let Some(up) = up
                {
                    self.go(up);
                }
                let label = ui.label(t.chooser_folder);
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.folder_text)
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    let typed = PathBuf::from(self.folder_text.trim());
                    if typed.is_dir() {
                        self.go(typed);
                    } else {
                        self.problem =
                            Some(fill(t.chooser_no_such_folder, &[&self.folder_text.trim()]));
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                for (name, place) in self.places() {
                    if ui
                        .small_button(name)
                        .on_hover_text(place.display().to_string())
                        .clicked()
                    {
                        self.go(place);
                    }
                }
            });
            ui.separator();
            if let Some(pick) = self.entries_ui(ui, list_height) {
                answer = Some(Some(vec![pick]));
            }
            ui.separator();
            let label = ui.label(if self.request.saves() {
                t.chooser_file_name
            } else {
                t.chooser_file
            });
            let name = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(width))
                .labelled_by(label.id);
            // Read before focus moves: Enter in the field means "save" or "open".
            let entered = name.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if std::mem::take(&mut self.focus_name) {
                name.request_focus();
            }
            ui.label(
                RichText::new(format!(
                    "{} ({})",
                    self.request.filter,
                    self.request
                        .extensions
                        .iter()
                        .map(|e| format!("*.{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .weak(),
            );
            if let Some(p) = &self.problem {
                ui.label(RichText::new(p).color(super::theme::ERROR));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ok = if self.request.saves() {
                    t.save
                } else {
                    t.chooser_open
                };
                if (ui.button(ok).clicked() || entered)
                    && let Some(p) = self.accept()
                {
                    answer = Some(Some(p));
                }
                if ui.button(t.cancel).clicked() {
                    answer = Some(None);
                }
            });
            if let Some(p) = self.confirm.clone() {
                ui.separator();
                ui.label(
                    RichText::new(fill(t.chooser_replace, &[&p.display()]))
                        .color(super::theme::WARNING),
                );
                ui.horizontal(|ui| {
                    if ui.button(t.chooser_replace_yes).clicked() {
                        answer = Some(Some(vec![p.clone()]));
                    }
                    if ui.button(t.chooser_replace_no).clicked() {
                        self.confirm = None;
                    }
                });
            }
        });
        if modal.should_close() && answer.is_none() {
            // Escape or a click outside: a replace question is taken back first.
            if self.confirm.take().is_none() {
                answer = Some(None);
            }
        }
        answer
    }

    /// The folder's entries; a double-clicked file is the answer.
    fn entries_ui(&mut self, ui: &mut egui::Ui, height: f32) -> Option<PathBuf> {
        let t = i18n::s();
        let mut picked = None;
        let mut enter = None;
        ScrollArea::vertical()
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.listing {
                _ if self.loading.is_some() => {
                    ui.spinner();
                }
                Err(e) => {
                    ui.label(RichText::new(e).color(super::theme::ERROR));
                }
                Ok(listing) if listing.entries.is_empty() => {
                    ui.label(RichText::new(t.chooser_empty).weak());
                }
                Ok(listing) => {
                    // Full-width rows, names from the left.
                    ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                        for (k, e) in listing.entries.iter().enumerate() {
                            let text = if e.is_dir {
                                format!("🗀 {}", e.name)
                            } else {
                                e.name.clone()
                            };
                            let on = if self.request.many && !e.is_dir {
                                self.chosen.contains(&e.name)
                            } else {
                                self.selected == Some(k)
                            };
                            let r = ui.selectable_label(on, text);
                            if r.double_clicked() {
                                if e.is_dir {
                                    enter = Some(self.folder.join(&e.name));
                                } else {
                                    picked = Some(self.folder.join(&e.name));
                                }
                            } else if r.clicked() {
                                self.selected = Some(k);
                                if e.is_dir {
                                    enter = Some(self.folder.join(&e.name));
                                } else if self.request.many {
                                    // A click adds the file to those picked, or takes it out.
                                    match self.chosen.iter().position(|n| *n == e.name) {
                                        Some(i) => {
                                            self.chosen.remove(i);
                                        }
                                        None => self.chosen.push(e.name.clone()),
                                    }
                                    self.name = quote_names(&self.chosen);
                                    self.problem = None;
                                } else {
                                    self.name = e.name.clone();
                                    self.problem = None;
                                }
                            }
                        }
                        if listing.truncated {
                            ui.label(
                                RichText::new(fill(t.chooser_truncated, &[&MAX_ENTRIES])).weak(),
                            );
                        }
                    });
                }
            });
        if let Some(f) = enter {
            self.go(f);
        }
        match picked {
            Some(p) if self.request.saves() && p.exists() => {
                self.confirm = Some(p);
                None
            }
            p => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("tideline-chooser-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
        d
    }

    #[test]
    fn a_listing_has_folders_first_then_matching_files_by_name_and_no_hidden_ones() {
        let d = temp("list");
        for f in ["b.ron", "A.RON", "c.csv", "notes.txt", ".hidden.ron"] {
            std::fs::write(d.join(f), "x").unwrap_or_else(|e| panic!("{e}"));
        }
        for sub in ["zeta", "Alpha", ".git"] {
            std::fs::create_dir(d.join(sub)).unwrap_or_else(|e| panic!("{e}"));
        }
        let l = list_folder(&d, &["ron", "csv"]).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = l.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "zeta", "A.RON", "b.ron", "c.csv"]);
        assert_eq!(
            l.entries.iter().map(|e| e.is_dir).collect::<Vec<_>>(),
            [true, true, false, false, false]
        );
        assert!(!l.truncated);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_huge_folder_is_cut_at_the_limit_and_says_so() {
        let d = temp("huge");
        for k in 0..MAX_ENTRIES + 3 {
            std::fs::write(d.join(format!("{k}.ron")), "").unwrap_or_else(|e| panic!("{e}"));
        }
        let l = list_folder(&d, &["ron"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.entries.len(), MAX_ENTRIES);
        assert!(l.truncated);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn several_names_go_through_the_field_and_back() {
        let names = vec!["a.ron".to_string(), "b c.ron".to_string()];
        let field = quote_names(&names);
        assert_eq!(field, "\"a.ron\" \"b c.ron\"");
        assert_eq!(quoted_names(&field), names);
        assert_eq!(
            quoted_names("\"x.ron\" junk \"\" \"y.ron"),
            ["x.ron", "y.ron"]
        );
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let d = temp("missing").join("nope");
        let e = list_folder(&d, &["ron"]).err().unwrap_or_default();
        assert!(e.contains("nope"), "{e}");
    }

    #[test]
    fn typed_names_resolve_against_the_folder() {
        let d = temp("resolve");
        std::fs::write(d.join("have.ron"), "x").unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(d.join("sub")).unwrap_or_else(|e| panic!("{e}"));
        let ext = &["ron"];
        // Saving: the extension is added when missing, kept when present.
        assert_eq!(
            resolve(&d, "new", ext, true),
            Choice::File(d.join("new.ron"))
        );
        assert_eq!(
            resolve(&d, "new.ron", ext, true),
            Choice::File(d.join("new.ron"))
        );
        assert_eq!(
            resolve(&d, "sub/deeper", ext, true),
            Choice::File(d.join("sub/deeper.ron"))
        );
        // A folder is entered, not chosen.
        assert_eq!(resolve(&d, "sub", ext, true), Choice::Folder(d.join("sub")));
        assert_eq!(
            resolve(&d, "sub", ext, false),
            Choice::Folder(d.join("sub"))
        );
        // Opening needs a file that exists; saving into a missing folder is refused.
        assert_eq!(
            resolve(&d, "have.ron", ext, false),
            Choice::File(d.join("have.ron"))
        );
        assert!(matches!(
            resolve(&d, "gone.ron", ext, false),
            Choice::Problem(_)
        ));
        assert!(matches!(
            resolve(&d, "no/such/x", ext, true),
            Choice::Problem(_)
        ));
        assert!(matches!(resolve(&d, "  ", ext, true), Choice::Problem(_)));
        // An absolute path ignores the folder.
        let abs = d.join("elsewhere.ron");
        assert_eq!(
            resolve(Path::new("/"), &abs.display().to_string(), ext, true),
            Choice::File(abs)
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}
