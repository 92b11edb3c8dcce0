//! Mounts the portal into the embedding page (and names the allocator).
//! Nothing else happens here.

/// Talc instead of Rust's default dlmalloc: smaller in the wasm, and faster
/// (README, "Performance"). The portal's wasm runs on one thread.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    use client_portal::{config::Config, embed, views::app::app};
    let host = embed::host();
    let config = Config::from_page(&host);
    let origins = config.parent_origins.clone();
    // From here on the static skeleton that painted before the app arrived
    // is hidden by the portal's own shadow root.
    let mount = embed::attach(&host);
    leptos::mount::mount_to(mount.clone(), move || app(config)).forget();
    embed::frame::start(origins, &host, mount);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The portal runs in a browser: build it with `trunk build` (see README.md).");
}
