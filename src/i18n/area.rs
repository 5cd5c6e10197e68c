//! Catalogues for one area of the window each, with every language side by side.
//!
//! The main catalogue ([`super::Strings`]) holds the strings of the views and dialogs that
//! came first. Newer areas declare their own with [`texts!`], in a file of their own, so that
//! each file stays small and people working on different areas do not edit the same lines:
//!
//! ```ignore
//! texts! {
//!     heading: ["Perspectives", "观点"],
//!     common_ground: ["Common ground: {0}", "共识：{0}"],
//! }
//! ```
//!
//! Each entry gives the English, then the Simplified Chinese, in [`super::Lang::ALL`]'s order,
//! so a missing translation is a build error. Read them as `area::t().heading`; register the
//! area in [`super::all_entries`] so the catalogue's tests cover it.

/// Declares `Texts` (one `&'static str` field per entry), a static of it per language, `t()`
/// for the current language, `texts(lang)` and `Texts::entries`. In scope for the area files
/// because `mod.rs` declares this module first, with `#[macro_use]`.
macro_rules! texts {
    ($($field:ident: [$en:expr, $zh:expr $(,)?]),* $(,)?) => {
        /// This area's strings in one language.
        pub struct Texts {
            $(pub $field: &'static str,)*
        }

        static EN: Texts = Texts { $($field: $en,)* };
        static ZH_CN: Texts = Texts { $($field: $zh,)* };

        /// This area's strings in `lang`.
        pub fn texts(lang: super::Lang) -> &'static Texts {
            match lang {
                super::Lang::En => &EN,
                super::Lang::ZhCn => &ZH_CN,
            }
        }

        /// This area's strings in the current thread's language.
        pub fn t() -> &'static Texts {
            texts(super::lang())
        }

        impl Texts {
            /// Every message as `(field name, text)`, in declaration order.
            #[allow(dead_code)] // read by the catalogue's tests
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}
