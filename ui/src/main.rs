//! Entry point of the Yew interface: mounts the app.

mod app;
mod components;
mod hooks;
mod ipc;
mod pages;
mod state;
mod theme;

fn main() {
    yew::set_custom_panic_hook(Box::new(ipc::on_panic));
    yew::Renderer::<app::App>::new().render();
}
