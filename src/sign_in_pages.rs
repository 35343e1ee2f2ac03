fn main() {
    argilla_lite::ui::start_sign_in();
}
