//! QR codes of payment links: an SVG for the UI and a module matrix for a PNG.

use qrcode::{render::svg, EcLevel, QrCode};

/// An SVG image of `text` as a QR code (medium error correction), or `None` when the
/// text is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(code.render::<svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

/// The QR code's modules, row by row (`true` is dark), with its width.
pub fn qr_modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    Some((width, code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_links() {
        let svg = qr_svg("ethereum:0x70997970C51812dc3A010C7d01b50e0d17dc79C8@146?value=1").expect("svg");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
        let (w, m) = qr_modules("hello").expect("modules");
        assert_eq!(m.len(), w * w);
        assert!(qr_svg(&"x".repeat(5000)).is_none(), "too long for a QR code");
    }
}
