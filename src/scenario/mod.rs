//! A scenario in memory: the data ([`model`]), its family × criterion weight tree ([`weights`])
//! and how weights are elicited ([`elicitation`]), every check a scenario must pass
//! ([`validate`]), and the changes a user can make ([`edit`]) with undo ([`history`]).
//! Nothing here reads files or scores options.

pub mod edit;
pub mod elicitation;
pub mod history;
pub mod merge;
pub mod model;
pub mod validate;
pub mod weights;
