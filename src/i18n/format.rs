//! Numbers, plural categories and times in the current language, by the
//! browser's `Intl` (no tables in the wasm). Natively (unit tests) English.

use super::lang;

/// "12,345" in English, "12.345" in German.
pub fn number(n: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Number::from(n).to_locale_string(lang().code()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang();
        let digits = format!("{}", n.trunc() as i64);
        let (sign, digits) = digits.split_at(if digits.starts_with('-') { 1 } else { 0 });
        let mut out = String::from(sign);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

/// A score or similarity with at most `digits` decimals, in the current
/// language's format: 0.852 → "0.85" in English, "0,85" in German; 1 → "1".
pub fn decimal(n: f64, digits: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&lang().code().into());
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &digits.into());
        let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
        format.call1(&wasm_bindgen::JsValue::NULL, &n.into()).ok().and_then(|v| v.as_string()).unwrap_or_else(|| n.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang();
        let text = format!("{n:.*}", digits as usize);
        if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
    }
}

/// The reader's decimal mark: '.' in English, ',' in German.
pub fn decimal_mark() -> char {
    decimal(1.5, 1).chars().find(|c| !c.is_ascii_digit()).unwrap_or('.')
}

/// "a, b and c" in English, "a、b、c" in Japanese: names listed as the language does.
pub fn list(items: &[String]) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let joined = || -> Option<String> {
            // Intl.ListFormat is not in js-sys.
            let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
            let class = js_sys::Reflect::get(&intl, &"ListFormat".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
            let locales = js_sys::Array::of1(&lang().code().into());
            let format = js_sys::Reflect::construct(&class, &js_sys::Array::of1(&locales)).ok()?;
            let method = js_sys::Reflect::get(&format, &"format".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
            let names: js_sys::Array = items.iter().map(|i| wasm_bindgen::JsValue::from_str(i)).collect();
            method.call1(&format, &names).ok()?.as_string()
        };
        joined().unwrap_or_else(|| items.join(", "))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang();
        items.join(", ")
    }
}

/// CLDR plural category of `n`: "one", "other", "many"…
pub(super) fn plural_category(n: usize) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&lang().code().into());
        String::from(js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()).select(n as f64))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if n == 1 { "one" } else { "other" }.to_owned()
    }
}

/// "8 minutes ago", "vor 8 Minuten", "yesterday": `then_ms` relative to `now_ms`.
pub fn relative_time(then_ms: f64, now_ms: f64) -> String {
    let (value, unit) = crate::domain::time::elapsed(then_ms, now_ms);
    #[cfg(target_arch = "wasm32")]
    {
        let locales = js_sys::Array::of1(&lang().code().into());
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        String::from(js_sys::Intl::RelativeTimeFormat::new(&locales, &options).format(value, unit))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::domain::time::english_relative(value, unit)
    }
}

/// The exact date and time, e.g. for a tooltip: "30 Nov 2026, 14:05" in the user's format.
pub fn date_time(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        String::from(js_sys::Date::new(&ms.into()).to_locale_string(lang().code(), &options))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{ms} ms")
    }
}
