fn main() {
    argilla_lite::ui::start_annotate();
}
