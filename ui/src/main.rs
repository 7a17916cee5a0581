//! Entry point of the Yew interface: mounts the app.

mod app;
mod components;
mod hooks;
mod ipc;
mod pages;
mod state;
mod theme;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
