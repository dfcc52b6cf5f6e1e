//! The window's web view set up for what this app is — forms and tables from its own files,
//! no navigation, nothing animated — rather than for browsing: on Linux (WebKitGTK) pages
//! are drawn without accelerated compositing, which measured here cuts WebKit's web process
//! from 174 MB to about 104 MB (proportional set size, idle at the unlock screen), and no
//! cache of earlier pages or resources is kept.

/// Applies the settings to the main window's web view.
pub fn lighten(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.with_webview(|view| linux::lighten(&view.inner()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

#[cfg(target_os = "linux")]
mod linux {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };

    pub fn lighten(view: &webkit2gtk::WebView) {
        if let Some(settings) = WebViewExt::settings(view) {
            // Accelerated compositing keeps layers in graphics memory for animation and
            // scrolling effects a screen of forms does not have.
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            // Nothing to go back to: the app is one page.
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
        }
        if let Some(context) = view.context() {
            // One local page: no cache of pages and resources seen before.
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
}
