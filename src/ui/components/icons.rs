//! A small set of line icons drawn inline as SVG (no icon font, no extra
//! download). Each is one path on a 24×24 grid, stroked with the text colour,
//! so it follows the theme; the size comes from `.icon` in the stylesheet
//! (1.15em, i.e. the surrounding text). Icons are decoration: the control
//! that holds one carries its own text or `aria-label`.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconKind {
    Search,
    Filter,
    Sort,
    Settings,
    User,
    People,
    Upload,
    Download,
    Check,
    Warning,
    Info,
    Close,
    ChevronDown,
    ChevronUp,
    ChevronLeft,
    ChevronRight,
    Keyboard,
    /// The ⌫ key (discard).
    Backspace,
    /// The ↵ key (submit).
    Enter,
    Plus,
    Trash,
    Copy,
    /// Marks a suggestion (Argilla shows ✨).
    Sparkle,
    SignOut,
    Home,
    More,
    Grid,
    List,
    Clock,
    /// Guidelines.
    Book,
    Code,
    Refresh,
    External,
    /// Backup and restore.
    Archive,
    Eye,
}

impl IconKind {
    /// The path's `d`: circles are written as two arcs, dots as `h.01` with round caps.
    pub fn path(self) -> &'static str {
        match self {
            IconKind::Search => "M18 11a7 7 0 1 1-14 0a7 7 0 1 1 14 0M20 20l-4-4",
            IconKind::Filter => "M3 5h18l-7 8v6l-4 2v-8z",
            IconKind::Sort => "M7 4v16M3 8l4-4 4 4M17 20V4M13 16l4 4 4-4",
            IconKind::Settings => "M19.3 10.2 21.9 10.6 21.9 13.4 19.3 13.8 18.4 15.9 20 18 18 20 15.9 18.4 13.8 19.3 13.4 21.9 10.6 21.9 10.2 19.3 8.1 18.4 6 20 4 18 5.6 15.9 4.7 13.8 2.1 13.4 2.1 10.6 4.7 10.2 5.6 8.1 4 6 6 4 8.1 5.6 10.2 4.7 10.6 2.1 13.4 2.1 13.8 4.7 15.9 5.6 18 4 20 6 18.4 8.1zM15 12a3 3 0 1 1-6 0a3 3 0 1 1 6 0",
            IconKind::User => "M16 8a4 4 0 1 1-8 0a4 4 0 1 1 8 0M4 21a8 8 0 0 1 16 0",
            IconKind::People => "M13 8a4 4 0 1 1-8 0a4 4 0 1 1 8 0M1 21a8 8 0 0 1 16 0M16 4.2a4 4 0 0 1 0 7.6M19 14.5a8 8 0 0 1 4 6.5",
            IconKind::Upload => "M12 15V4M7 9l5-5 5 5M4 15v5h16v-5",
            IconKind::Download => "M12 4v11M7 10l5 5 5-5M4 15v5h16v-5",
            IconKind::Check => "M5 12l5 5 9-10",
            IconKind::Warning => "M12 3 2 20h20zM12 10v4M12 17h.01",
            IconKind::Info => "M21 12a9 9 0 1 1-18 0a9 9 0 1 1 18 0M12 11v5M12 8h.01",
            IconKind::Close => "M6 6l12 12M18 6 6 18",
            IconKind::ChevronDown => "M6 9l6 6 6-6",
            IconKind::ChevronUp => "M6 15l6-6 6 6",
            IconKind::ChevronLeft => "M15 6l-6 6 6 6",
            IconKind::ChevronRight => "M9 6l6 6-6 6",
            IconKind::Keyboard => "M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10",
            IconKind::Backspace => "M8 5h13v14H8l-6-7zM12 9l6 6M18 9l-6 6",
            IconKind::Enter => "M20 5v7H5M9 8l-4 4 4 4",
            IconKind::Plus => "M12 5v14M5 12h14",
            IconKind::Trash => "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
            IconKind::Copy => "M9 9h11v11H9zM5 15H4V4h11v1",
            IconKind::Sparkle => "M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z",
            IconKind::SignOut => "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h11",
            IconKind::Home => "M3 11l9-8 9 8M5 9v11h14V9",
            IconKind::More => "M12 5h.01M12 12h.01M12 19h.01",
            IconKind::Grid => "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
            IconKind::List => "M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01",
            IconKind::Clock => "M21 12a9 9 0 1 1-18 0a9 9 0 1 1 18 0M12 7v5l3 3",
            IconKind::Book => "M4 4h6a2 2 0 0 1 2 2v14a2 2 0 0 0-2-2H4zM20 4h-6a2 2 0 0 0-2 2v14a2 2 0 0 1 2-2h6z",
            IconKind::Code => "M8 7l-5 5 5 5M16 7l5 5-5 5",
            IconKind::Refresh => "M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5",
            IconKind::External => "M14 4h6v6M20 4l-9 9M18 14v6H4V6h6",
            IconKind::Archive => "M3 4h18v4H3zM5 8v12h14V8M10 12h4",
            IconKind::Eye => "M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM15 12a3 3 0 1 1-6 0a3 3 0 1 1 6 0",
        }
    }
}

/// `<Icon kind=IconKind::Search/>`: hidden from assistive technology.
#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=kind.path()/>
        </svg>
    }
}
