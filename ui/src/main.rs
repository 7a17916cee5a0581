//! Entry point of the Yew interface: mounts the app.

mod app;
mod ipc;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
