//! The colour theme: the desktop preference applied to the document.

/// Sets `data-theme` on the document (`system` follows the OS).
pub(crate) fn apply(theme: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme);
    }
}
