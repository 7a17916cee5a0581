//! Entry point of the Yew interface: mounts the app.

mod app;
mod components;
mod ipc;
mod pages;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
