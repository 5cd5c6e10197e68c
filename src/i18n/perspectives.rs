//! Strings of the Perspectives view, the weights forms and the group profile.

texts! {
    view_perspectives: ["Perspectives", "观点"],
}
