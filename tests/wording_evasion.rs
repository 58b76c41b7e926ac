//! Evasion probes: prohibited words written the way someone hiding them from a filter would,
//! while a person still reads the word (Markdown emphasis and links, HTML entities, leetspeak,
//! letters split by spaces or dots, look-alike scripts, blank fillers, a right-to-left override
//! around the reversed word, inflections). Each probe must be found, with its underline on
//! exactly the bytes of the disguised word. Negative probes use the same techniques on ordinary
//! words, and ordinary numbers, money, dates, addresses: none may fire.
//!
//! Run with `cargo test --test wording_evasion -- --nocapture` to see the rate per technique.

use std::collections::BTreeMap;

use cordial::wording::{codes, scan};

/// A prohibited word in a sentence that makes it a finding of `code`.
struct Probe {
    language: &'static str,
    code: &'static str,
    /// The sentence, `{}` where the word goes.
    carrier: &'static str,
    word: &'static str,
    /// An inflected form (plural, feminine, participle) read in the same sentence.
    inflected: &'static str,
}

const fn probe(
    language: &'static str,
    code: &'static str,
    carrier: &'static str,
    word: &'static str,
    inflected: &'static str,
) -> Probe {
    Probe {
        language,
        code,
        carrier,
        word,
        inflected,
    }
}

const T: &str = codes::THREAT;
const A: &str = codes::ABUSE;

static PROBES: &[Probe] = &[
    probe(
        "en",
        T,
        "If you do not pay, you will go to {} tonight.",
        "jail",
        "jails",
    ),
    probe(
        "en",
        T,
        "You could end up in {} for this.",
        "prison",
        "prisons",
    ),
    probe(
        "en",
        T,
        "We will have you {} tomorrow.",
        "arrested",
        "arrest",
    ),
    probe(
        "en",
        T,
        "We are calling the {} about you.",
        "police",
        "policeman",
    ),
    probe(
        "en",
        T,
        "We will send the {} to your house.",
        "sheriff",
        "sheriffs",
    ),
    probe(
        "en",
        T,
        "Not paying is a {} in this state.",
        "crime",
        "crimes",
    ),
    probe("en", A, "Listen to me, you {}.", "deadbeat", "deadbeats"),
    probe(
        "en",
        A,
        "Stop acting like an {} and pay.",
        "idiot",
        "idiots",
    ),
    probe("en", A, "Only a {} ignores our letters.", "loser", "losers"),
    probe("en", A, "We know you are a {}.", "liar", "liars"),
    probe(
        "en",
        A,
        "What a {} you turned out to be.",
        "parasite",
        "parasites",
    ),
    probe(
        "pt",
        T,
        "Se não pagar, você vai para a {} hoje.",
        "prisão",
        "prisões",
    ),
    probe("pt", T, "Você vai ser {} amanhã.", "preso", "presa"),
    probe("pt", T, "Vamos chamar a {} agora.", "polícia", "policiais"),
    probe(
        "pt",
        T,
        "Você vai parar na {} por isso.",
        "cadeia",
        "cadeias",
    ),
    probe("pt", T, "Não pagar é {}, sabia?", "crime", "crimes"),
    probe("pt", A, "Seu {}, pague logo.", "caloteiro", "caloteiros"),
    probe(
        "pt",
        A,
        "Deixa de ser {} e paga.",
        "vagabundo",
        "vagabundos",
    ),
    probe(
        "pt",
        A,
        "Todo mundo sabe que você é {}.",
        "pilantra",
        "pilantras",
    ),
    probe("pt", A, "Que {} você é.", "safado", "safados"),
    probe("pt", A, "Você é um {} mesmo.", "ladrão", "ladrões"),
];

/// One way of disguising a word; `None` when it does not apply to this word.
type Technique = fn(&str) -> Option<String>;

fn halves(word: &str) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let mid = chars.len() / 2;
    (chars[..mid].iter().collect(), chars[mid..].iter().collect())
}

fn join_letters(word: &str, separator: &str) -> String {
    word.chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(separator)
}

fn map_letters(word: &str, table: &[(char, char)]) -> Option<String> {
    let mut changed = false;
    let out = word
        .chars()
        .map(|c| match table.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => {
                changed = true;
                *to
            }
            None => c,
        })
        .collect();
    changed.then_some(out)
}

const LEET_DIGITS: &[(char, char)] = &[
    ('a', '4'),
    ('e', '3'),
    ('i', '1'),
    ('o', '0'),
    ('s', '5'),
    ('t', '7'),
];
const LEET_SYMBOLS: &[(char, char)] = &[('a', '@'), ('s', '$'), ('i', '!')];
const SMALL_CAPITALS: &[(char, char)] = &[
    ('a', 'ᴀ'),
    ('b', 'ʙ'),
    ('c', 'ᴄ'),
    ('d', 'ᴅ'),
    ('e', 'ᴇ'),
    ('f', 'ꜰ'),
    ('g', 'ɢ'),
    ('h', 'ʜ'),
    ('i', 'ɪ'),
    ('j', 'ᴊ'),
    ('k', 'ᴋ'),
    ('l', 'ʟ'),
    ('m', 'ᴍ'),
    ('n', 'ɴ'),
    ('o', 'ᴏ'),
    ('p', 'ᴘ'),
    ('r', 'ʀ'),
    ('s', 'ꜱ'),
    ('t', 'ᴛ'),
    ('u', 'ᴜ'),
    ('v', 'ᴠ'),
    ('w', 'ᴡ'),
    ('y', 'ʏ'),
    ('z', 'ᴢ'),
];
const CYRILLIC: &[(char, char)] = &[
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('i', 'і'),
    ('j', 'ј'),
    ('o', 'о'),
    ('p', 'р'),
    ('s', 'ѕ'),
    ('x', 'х'),
    ('y', 'у'),
];
const GREEK: &[(char, char)] = &[
    ('a', 'α'),
    ('c', 'ϲ'),
    ('i', 'ι'),
    ('k', 'κ'),
    ('o', 'ο'),
    ('p', 'ρ'),
    ('t', 'τ'),
    ('v', 'ν'),
];

/// The probe's techniques, by name.
fn techniques() -> Vec<(&'static str, Technique)> {
    vec![
        ("as written (control)", |w| Some(w.to_string())),
        ("markdown bold", |w| {
            let (a, b) = halves(w);
            Some(format!("**{a}**{b}"))
        }),
        ("markdown underscores", |w| {
            let (a, b) = halves(w);
            Some(format!("_{a}_{b}"))
        }),
        ("markdown bold word", |w| Some(format!("**{w}**"))),
        ("markdown link", |w| {
            let (a, b) = halves(w);
            Some(format!("[{a}](https://x.example/{a}){b}"))
        }),
        ("html numeric entity", |w| {
            let mut chars = w.chars();
            let first = chars.next()?;
            let second = chars.next()?;
            Some(format!("{first}&#{};{}", second as u32, chars.as_str()))
        }),
        ("html hex entity", |w| {
            let (a, b) = halves(w);
            let mut rest = b.chars();
            let c = rest.next()?;
            Some(format!("{a}&#x{:X};{}", c as u32, rest.as_str()))
        }),
        ("html soft hyphen", |w| {
            let (a, b) = halves(w);
            Some(format!("{a}&shy;{b}"))
        }),
        ("soft hyphen character", |w| {
            let (a, b) = halves(w);
            Some(format!("{a}\u{AD}{b}"))
        }),
        ("leet digits", |w| map_letters(w, LEET_DIGITS)),
        ("leet symbols", |w| map_letters(w, LEET_SYMBOLS)),
        ("spaced letters", |w| Some(join_letters(w, " "))),
        ("dotted letters", |w| Some(join_letters(w, "."))),
        ("hyphenated letters", |w| Some(join_letters(w, "-"))),
        ("nbsp letters", |w| Some(join_letters(w, "\u{A0}"))),
        ("small capitals", |w| map_letters(w, SMALL_CAPITALS)),
        ("cyrillic look-alikes", |w| map_letters(w, CYRILLIC)),
        ("greek look-alikes", |w| map_letters(w, GREEK)),
        ("hangul filler", |w| Some(join_letters(w, "\u{3164}"))),
        ("braille blank", |w| {
            let (a, b) = halves(w);
            Some(format!("{a}\u{2800}{b}"))
        }),
        ("right-to-left override", |w| {
            Some(format!(
                "\u{202E}{}\u{202C}",
                w.chars().rev().collect::<String>()
            ))
        }),
        ("upper case leet", |w| {
            map_letters(&w.to_uppercase(), &[('A', '4'), ('E', '3'), ('O', '0')])
        }),
    ]
}

/// Whether a hit of `code` overlaps the disguised word, and whether it underlines all of it.
fn found_exactly(
    sentence: &str,
    language: &str,
    code: &str,
    at: usize,
    disguised: &str,
) -> (bool, bool) {
    let span = at..at + disguised.len();
    let visible: Vec<(usize, char)> = disguised
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric() || "@$!".contains(*c))
        .filter(|(_, c)| !('\u{3164}' == *c || '\u{2800}' == *c))
        .collect();
    let Some(&(first, _)) = visible.first() else {
        return (false, false);
    };
    let &(last, last_char) = visible.last().expect("non-empty");
    let hits = scan(sentence, language);
    let overlapping: Vec<_> = hits
        .iter()
        .filter(|h| h.code == code && h.range.start < span.end && span.start < h.range.end)
        .collect();
    // The underline may take in the words of a phrase around the disguised word, but must
    // cover every visible character of it and start and end on written characters.
    let exact = overlapping.iter().any(|h| {
        let underlined = &sentence[h.range.clone()];
        h.range.start <= at + first
            && h.range.end >= at + last + last_char.len_utf8()
            && underlined.trim() == underlined
    });
    (!overlapping.is_empty(), exact)
}

#[test]
fn disguised_prohibited_words_are_read_as_written() {
    let mut per_technique: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut total = 0;
    let mut all_techniques = techniques();
    all_techniques.push(("inflection", |_| None));
    for p in PROBES {
        for (name, technique) in &all_techniques {
            let disguised = if *name == "inflection" {
                Some(p.inflected.to_string())
            } else {
                technique(p.word)
            };
            let Some(disguised) = disguised else { continue };
            let (before, _) = p.carrier.split_once("{}").expect("carrier has a slot");
            let sentence = p.carrier.replacen("{}", &disguised, 1);
            let (found, exact) =
                found_exactly(&sentence, p.language, p.code, before.len(), &disguised);
            let entry = per_technique.entry(name).or_default();
            entry.2 += 1;
            total += 1;
            if found {
                entry.0 += 1;
            }
            if exact {
                entry.1 += 1;
            } else {
                misses.push(format!(
                    "  {} {name}: {sentence:?} -> {:?}",
                    if found { "MISPLACED" } else { "MISSED" },
                    scan(&sentence, p.language)
                        .iter()
                        .map(|h| (h.code, h.matched.clone()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    println!("\nevasion probes: detected / underlined exactly / total per technique");
    let (mut detected, mut exact) = (0, 0);
    let mut failures = Vec::new();
    for (name, (found, precise, n)) in &per_technique {
        detected += found;
        exact += precise;
        let rate = *precise as f64 / *n as f64;
        println!(
            "  {name:<24} {found:>3} {precise:>3} / {n:<3} {:>6.1} %",
            rate * 100.0
        );
        if rate < MIN_RATE_PER_TECHNIQUE {
            failures.push(format!("{name}: {:.1} %", rate * 100.0));
        }
    }
    println!(
        "  all                      {detected:>3} {exact:>3} / {total:<3} {:>6.1} %",
        exact as f64 / total as f64 * 100.0
    );
    for miss in &misses {
        println!("{miss}");
    }
    assert!(total >= 300, "only {total} probes");
    assert!(
        exact as f64 / total as f64 >= MIN_RATE_OVERALL,
        "{exact} of {total} probes found and underlined exactly"
    );
    assert!(
        failures.is_empty(),
        "techniques below {:.0} %: {}",
        MIN_RATE_PER_TECHNIQUE * 100.0,
        failures.join(", ")
    );
}

/// Every technique must find (and underline exactly) at least this share of its probes, and
/// all probes together at least `MIN_RATE_OVERALL`. Before the normaliser read rendered text
/// (2026-12-01) the figures were 110 of 483 (22.8 %) with five ordinary texts firing.
const MIN_RATE_PER_TECHNIQUE: f64 = 0.85;
const MIN_RATE_OVERALL: f64 = 0.97;

/// Ordinary words in sentences that make no finding.
static ORDINARY: &[(&str, &str, &str)] = &[
    ("en", "Please make your {} by Friday.", "payment"),
    ("en", "Your {} is ready to view online.", "statement"),
    ("en", "We can set up a {} that fits your budget.", "plan"),
    ("en", "Thank you for your {} today.", "time"),
    ("en", "Your {} number ends in 42.", "account"),
    ("pt", "Seu {} já está disponível.", "boleto"),
    (
        "pt",
        "Podemos fazer um {} que caiba no seu orçamento.",
        "acordo",
    ),
    ("pt", "Obrigado pelo seu {} de hoje.", "pagamento"),
    ("pt", "Sua {} foi registrada.", "proposta"),
    ("pt", "A {} vence na sexta-feira.", "parcela"),
];

/// Numbers, money, dates, addresses and abbreviations a normaliser must not turn into words.
static PLAIN: &[(&str, &str)] = &[
    ("en", "Your balance is $312.40, due on 12/05/2026."),
    ("en", "Pay $1,500.00 today or 3 payments of $500.00."),
    ("en", "We can take 20% off if you pay 50% now."),
    ("en", "Call us at 1-800-555-0100 between 8 a.m. and 9 p.m."),
    (
        "en",
        "Write to help@collect-co.example or visit https://pay.example.com/a1b2c3.",
    ),
    ("en", "See section 5 a. of the U.S. rules, e.g. the notice."),
    ("en", "Reference: 7X-2291-B, order 1i0o-55, code A1B2."),
    ("en", "Your case ID is A-B-C-1234 and your PIN is 4 3 1 7."),
    ("en", "J. A. Smith, Collections Dept., P.O. Box 1500."),
    (
        "en",
        "Email j.a.il@example.com or sms.alerts@b4.example for help.",
    ),
    (
        "en",
        "**Pay** by _Friday_ and see [the plan](https://x.example/plan).",
    ),
    (
        "en",
        "We use H.T.M.L. &amp; text e-mails; caf&eacute; hours 9&ndash;5.",
    ),
    ("en", "Option A, B or C: pick one by 5pm, 2nd of May."),
    (
        "en",
        "The 1st, 2nd and 3rd payments are $99.99 each; total $299.97.",
    ),
    (
        "pt",
        "Seu saldo é R$ 1.500,00 com vencimento em 05/12/2026.",
    ),
    (
        "pt",
        "Pague em 12x de R$ 125,00 sem juros, ou R$1.350,00 à vista.",
    ),
    (
        "pt",
        "Ligue 0800 727 7477 de segunda a sexta, das 8h às 20h.",
    ),
    ("pt", "CNPJ 12.345.678/0001-90, CPF 123.456.789-09."),
    (
        "pt",
        "Escreva para cobranca@loja.com.br ou acesse www.loja.com.br/2via.",
    ),
    (
        "pt",
        "Sr. J. A. Silva, R. das Flores, 150 - ap. 3, São Paulo - SP.",
    ),
    ("pt", "Desconto de 40% até 31/12; taxa de 1,99% a.m."),
    (
        "pt",
        "Código de barras: 34191.79001 01043.510047 91020.150008 1 94520000015000.",
    ),
    (
        "pt",
        "**Atenção**: o _boleto_ está em [seu e-mail](https://x.example/b).",
    ),
    ("pt", "A e B são opções; o e-mail é o canal a usar."),
    ("pt", "Protocolo nº 2026/0001-A, S.A. e Ltda. aceitos."),
];

#[test]
fn disguises_of_ordinary_text_stay_quiet() {
    let mut fired = Vec::new();
    let mut total = 0;
    for (language, carrier, word) in ORDINARY {
        for (name, technique) in techniques() {
            let Some(disguised) = technique(word) else {
                continue;
            };
            total += 1;
            let sentence = carrier.replacen("{}", &disguised, 1);
            let hits = scan(&sentence, language);
            if !hits.is_empty() {
                fired.push(format!("  {name}: {sentence:?} -> {hits:?}"));
            }
        }
    }
    for (language, sentence) in PLAIN {
        total += 1;
        let hits = scan(sentence, language);
        if !hits.is_empty() {
            fired.push(format!("  plain: {sentence:?} -> {hits:?}"));
        }
    }
    println!("\nnegative probes: {} of {total} fired", fired.len());
    for f in &fired {
        println!("{f}");
    }
    assert!(
        fired.is_empty(),
        "ordinary text fired:\n{}",
        fired.join("\n")
    );
}
