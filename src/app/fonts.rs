//! The bundled CJK font: a subset of Noto Sans CJK SC (SIL Open Font License; see
//! `assets/README.md` for how it was cut and `assets/OFL.txt` for the licence). egui's default
//! fonts have no Chinese glyphs, so it is added as the last fallback of both families: Latin
//! text keeps egui's own fonts, and any character they lack is looked up here.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// The font's name among egui's fonts.
pub const CJK_FONT: &str = "noto-sans-sc-subset";

/// GB2312 level 1, CJK punctuation, and every character of the Chinese catalogue and the
/// bundled scenarios.
static CJK_BYTES: &[u8] = include_bytes!("../../assets/NotoSansSC-Tideline.otf");

/// Adds the CJK font to `ctx` unless it is there already: cheap to call every frame. Called
/// before any text of a frame is laid out, the font applies from that frame on.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        CJK_FONT,
        FontData::from_static(CJK_BYTES),
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    ));
}
