//! Strings of the criterion, option, profile and scenario editors.

crate::texts! {
    edit_criterion: ["Edit criterion…", "编辑准则…"],
}
