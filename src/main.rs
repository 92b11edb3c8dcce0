//! Mounts the portal into the embedding page. Nothing else happens here.

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let root = client_portal::config::mount_point();
    let config = client_portal::config::Config::from_page(&root);
    // Replace the static skeleton that painted before the app arrived.
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || client_portal::views::app::app(config)).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The portal runs in a browser: build it with `trunk build` (see README.md).");
}
