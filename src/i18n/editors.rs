//! Strings of the criterion, option, profile and scenario editors.

texts! {
    edit_criterion: ["Edit criterion…", "编辑准则…"],
}
