//! The colours that the window and the briefings share, as plain RGB so that the engine needs
//! no egui: a chart on screen and the same chart in a briefing colour each criterion alike.

/// Criterion colours for stacked bars and the weights panel: twelve picked from Okabe & Ito's
/// "Color Universal Design" set (2008) and Paul Tol's "bright", "muted" and "light" schemes
/// (Tol, "Colour schemes", SRON/EPS/TN/09-002), so that every pair stays apart under simulated
/// protan, deutan and tritan vision (Machado et al. 2009) and every colour is light enough to
/// read on a black projector ground. Neighbours in the list, which sit side by side in a stacked
/// bar, differ most.
pub const CRITERIA: [[u8; 3]; 12] = [
    [204, 121, 167], // Okabe–Ito reddish purple
    [17, 119, 51],   // Tol muted green
    [240, 228, 66],  // Okabe–Ito yellow
    [153, 221, 255], // Tol light cyan
    [170, 51, 119],  // Tol bright purple
    [153, 153, 51],  // Tol muted olive
    [119, 170, 221], // Tol light blue
    [238, 102, 119], // Tol bright red
    [0, 114, 178],   // Okabe–Ito blue
    [230, 159, 0],   // Okabe–Ito orange
    [0, 158, 115],   // Okabe–Ito bluish green
    [255, 170, 187], // Tol light pink
];

/// The colour of the criterion at `index` (the palette repeats past twelve).
pub fn criterion(index: usize) -> [u8; 3] {
    CRITERIA[index % CRITERIA.len()]
}
