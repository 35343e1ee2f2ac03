fn main() {
    leptos::mount::mount_to_body(argilla_lite::ui::App);
}
