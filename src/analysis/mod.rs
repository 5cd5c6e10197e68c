//! analysis: what the scores say and how sure they are. Built on the scoring core, with no
//! knowledge of the window: each analysis takes a scenario (or a prepared problem) and returns
//! plain data that a view, the command line or a briefing can show.

pub mod sensitivity;
