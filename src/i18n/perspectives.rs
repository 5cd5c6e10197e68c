//! Strings of the Perspectives view, the weights forms and the group profile.

crate::texts! {
    view_perspectives: ["Perspectives", "观点"],
}
