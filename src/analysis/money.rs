//! Amounts written the way a statement in the customer's language prints them.

/// A decimal string (`1234.5`, `-3`) with the language's separators: `1,234.5` (English) or
/// `1.234,5` (Portuguese). Anything that is not a plain decimal is returned as written.
pub fn group_digits(decimal: &str, portuguese: bool) -> String {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return decimal.to_string();
    }
    let (group, point) = if portuguese { ('.', ',') } else { (',', '.') };
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// The symbol a statement prints for a currency, if it has a common one.
pub fn symbol(currency: &str, portuguese: bool) -> Option<&'static str> {
    Some(match currency {
        "USD" if portuguese => "US$",
        "USD" => "$",
        "BRL" => "R$",
        "GBP" => "£",
        "EUR" => "€",
        _ => return None,
    })
}

/// An amount with its currency: `$1,250.00`, `R$ 1.250,00`, `£80.00`, `CHF 1,250.00`.
pub fn with_currency(currency: &str, decimal: &str, portuguese: bool) -> String {
    let number = group_digits(decimal, portuguese);
    match symbol(currency, portuguese) {
        Some(s) if !portuguese && s.chars().count() == 1 => format!("{s}{number}"),
        Some(s) => format!("{s} {number}"),
        None if currency.is_empty() => number,
        None => format!("{currency} {number}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_statements_print_them() {
        assert_eq!(with_currency("USD", "1250.00", false), "$1,250.00");
        assert_eq!(with_currency("BRL", "1250.00", true), "R$ 1.250,00");
        assert_eq!(with_currency("USD", "80.00", true), "US$ 80,00");
        assert_eq!(with_currency("CHF", "1250.00", false), "CHF 1,250.00");
        assert_eq!(with_currency("", "1250.5", false), "1,250.5");
        assert_eq!(group_digits("-1234567.89", false), "-1,234,567.89");
        assert_eq!(group_digits("n/a", true), "n/a");
    }
}
