//! The colour theme, chosen per browser: System follows the OS setting,
//! the others are applied as `data-theme` on `<html>` (see style/base.css).

use crate::i18n::{k, t};

/// Where the choice is kept (localStorage). index.html reads it before first paint.
pub const THEME_KEY: &str = "argilla-lite.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::System, Theme::Light, Theme::Dark, Theme::Contrast];

    /// The stored value; anything unknown (or nothing) is System.
    pub fn parse(stored: Option<&str>) -> Theme {
        Theme::ALL.into_iter().find(|t| Some(t.key()) == stored).unwrap_or_default()
    }

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }

    pub fn label(self) -> &'static str {
        t(match self {
            Theme::System => k::settings::theme_system,
            Theme::Light => k::settings::theme_light,
            Theme::Dark => k::settings::theme_dark,
            Theme::Contrast => k::settings::theme_contrast,
        })
    }

    /// The `data-theme` value; `None` leaves the OS preference in charge.
    pub fn attribute(self) -> Option<&'static str> {
        (self != Theme::System).then(|| self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip_and_junk_means_system() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(Some(t.key())), t);
        }
        assert_eq!(Theme::parse(None), Theme::System);
        assert_eq!(Theme::parse(Some("Dark")), Theme::System);
        assert_eq!(Theme::parse(Some("")), Theme::System);
    }

    #[test]
    fn system_sets_no_attribute() {
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Contrast.attribute(), Some("contrast"));
        assert_eq!(Theme::Contrast.label(), "High contrast");
    }
}
