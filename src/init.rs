//! `cordial init`: a first playbook that passes, for the locale, law, sector and collector given.
//!
//! The playbook is small but complete for every combination offered: a right-party check, the
//! debt-collector disclosure where the us pack wants it, and the outcomes every pack requires
//! (dispute, wrong party, hardship referral). A test checks each combination with `check`.

use std::path::{Component, Path};

use crate::model::{Collector, Jurisdiction, Sector};

/// What the new playbook is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub id: String,
    /// `en` or `pt-BR`.
    pub locale: String,
    pub jurisdictions: Vec<Jurisdiction>,
    pub sector: Sector,
    pub collector: Collector,
}

/// The locales `init` writes texts for.
pub const LOCALES: &[&str] = &["en", "pt-BR"];

pub fn parse_locale(text: &str) -> Result<String, String> {
    let wanted = text.trim();
    LOCALES
        .iter()
        .find(|l| {
            l.eq_ignore_ascii_case(wanted) || (wanted.eq_ignore_ascii_case("pt") && **l == "pt-BR")
        })
        .map(|l| l.to_string())
        .ok_or_else(|| not_allowed("locale", wanted, LOCALES))
}

pub fn parse_jurisdictions(text: &str) -> Result<Vec<Jurisdiction>, String> {
    let all = [Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk];
    let names: Vec<&str> = all.iter().map(|j| j.as_str()).collect();
    let mut out = Vec::new();
    for part in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let j = all
            .iter()
            .find(|j| j.as_str().eq_ignore_ascii_case(part))
            .ok_or_else(|| not_allowed("jurisdiction", part, &names))?;
        if !out.contains(j) {
            out.push(*j);
        }
    }
    if out.is_empty() {
        return Err(format!(
            "name at least one jurisdiction: {}",
            names.join(", ")
        ));
    }
    Ok(out)
}

pub fn parse_sector(text: &str) -> Result<Sector, String> {
    let names: Vec<&str> = Sector::ALL.iter().map(|s| s.as_str()).collect();
    Sector::ALL
        .iter()
        .copied()
        .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| not_allowed("sector", text.trim(), &names))
}

pub fn parse_collector(text: &str) -> Result<Collector, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "first-party" => Ok(Collector::FirstParty),
        "third-party" => Ok(Collector::ThirdParty),
        other => Err(not_allowed(
            "collector",
            other,
            &["first-party", "third-party"],
        )),
    }
}

/// "`BR` is not a locale: allowed values are …; did you mean …?"
fn not_allowed(what: &str, wrong: &str, allowed: &[&str]) -> String {
    let hint = crate::rules::refs::did_you_mean(wrong, allowed.iter().copied())
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default();
    let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    format!(
        "`{wrong}` is not a {what}: allowed values are {}{hint}",
        list.join(", ")
    )
}

/// The modeline path from the folder of `target` to `schema/playbook.schema.json` in the
/// current folder (the repository root, where cordial is usually run).
pub fn schema_path_for(target: &Path) -> String {
    let depth = target
        .parent()
        .map(|p| {
            p.components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .count()
        })
        .unwrap_or(0);
    format!("{}schema/playbook.schema.json", "../".repeat(depth))
}

/// The words of the playbook in one language.
struct Words {
    title: &'static str,
    greet_title: &'static str,
    greet: &'static str,
    greet_goal: &'static str,
    right_party: &'static str,
    someone_else: &'static str,
    purpose_title: &'static str,
    purpose: &'static str,
    disclosure: &'static str,
    listen_title: &'static str,
    listen: &'static str,
    can_pay: &'static str,
    cannot_pay: &'static str,
    disputes: &'static str,
    later: &'static str,
    terms_title: &'static str,
    terms: &'static str,
    promise_title: &'static str,
    promise: &'static str,
    hardship_title: &'static str,
    hardship: &'static str,
    dispute_title: &'static str,
    dispute: &'static str,
    wrong_title: &'static str,
    wrong: &'static str,
    callback_title: &'static str,
    callback: &'static str,
    company: &'static str,
    customer: &'static str,
}

const EN: Words = Words {
    title: "First contact",
    greet_title: "Greeting",
    greet: "Hello, this is {agent_name} from {company}. May I speak with {customer_name}?",
    greet_goal: "Reach the right person before saying anything about the account.",
    right_party: "The customer confirms who they are",
    someone_else: "Someone else answered",
    purpose_title: "Purpose of the call",
    purpose: "Thank you. I'm calling about your account with us, and I'd like to find an arrangement that works for you.",
    disclosure: "This is a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.",
    listen_title: "Listen",
    listen: "How are things going for you at the moment? Take the time you need.",
    can_pay: "The customer can pay",
    cannot_pay: "The customer cannot pay anything now",
    disputes: "The customer disputes the debt",
    later: "The customer asks to talk later",
    terms_title: "Terms",
    terms: "You pay the balance as it stands on your statement: no fee or interest is added for paying by promise.",
    promise_title: "Payment date",
    promise: "Thank you. Which date suits you for the payment?",
    hardship_title: "Support",
    hardship: "Thank you for telling me. I'll refer your account to our support team, who can look at options with you.",
    dispute_title: "Dispute",
    dispute: "I understand. I'll record your dispute, and we will pause collection while we look into it.",
    wrong_title: "Wrong person",
    wrong: "I'm sorry to have bothered you. Have a good day.",
    callback_title: "Call back",
    callback: "Of course. When would be a better time to call?",
    company: "Example Company",
    customer: "Jordan",
};

const PT: Words = Words {
    title: "Primeiro contato",
    greet_title: "Abertura",
    greet: "Olá, aqui é {agent_name}, da {company}. Posso falar com {customer_name}?",
    greet_goal: "Falar com a pessoa certa antes de dizer qualquer coisa sobre a conta.",
    right_party: "A pessoa confirma que é o titular",
    someone_else: "Outra pessoa atendeu",
    purpose_title: "Motivo do contato",
    purpose: "Obrigado. Estou ligando sobre o seu contrato com a gente, para encontrar uma forma de pagamento que caiba no seu orçamento.",
    disclosure: "Somos uma empresa de cobrança. Esta é uma tentativa de cobrança de dívida e qualquer informação obtida será usada para esse fim.",
    listen_title: "Escuta",
    listen: "Como estão as coisas para você neste momento? Fique à vontade.",
    can_pay: "O cliente pode pagar",
    cannot_pay: "O cliente não consegue pagar nada agora",
    disputes: "O cliente contesta a dívida",
    later: "O cliente pede para conversar depois",
    terms_title: "Condições",
    terms: "Você paga o valor que está na sua fatura: nenhuma tarifa ou juro é acrescentado por combinar a data.",
    promise_title: "Data de pagamento",
    promise: "Obrigado. Qual data é melhor para você fazer o pagamento?",
    hardship_title: "Apoio",
    hardship: "Obrigado por me contar. Vou encaminhar o seu caso para a nossa equipe de apoio, que vai ver as alternativas com você.",
    dispute_title: "Contestação",
    dispute: "Entendo. Vou registrar a sua contestação, e a cobrança fica suspensa enquanto analisamos.",
    wrong_title: "Pessoa errada",
    wrong: "Desculpe o incômodo. Tenha um bom dia.",
    callback_title: "Retorno",
    callback: "Claro. Qual o melhor horário para ligarmos?",
    company: "Empresa Exemplo",
    customer: "Maria",
};

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The playbook for `answers`, with the schema modeline on its first line.
pub fn playbook_yaml(answers: &Answers, schema_path: &str) -> String {
    let w = if answers.locale.starts_with("pt") {
        &PT
    } else {
        &EN
    };
    let disclose = answers.jurisdictions.contains(&Jurisdiction::Us)
        && answers.collector == Collector::ThirdParty;
    let jurisdictions: Vec<&str> = answers.jurisdictions.iter().map(|j| j.as_str()).collect();
    let collector = match answers.collector {
        Collector::FirstParty => "first-party",
        Collector::ThirdParty => "third-party",
    };
    let mut purpose_say = vec![quoted(w.purpose)];
    if disclose {
        purpose_say.push(quoted(w.disclosure));
    }
    let establishes = if disclose { "[mini-miranda]" } else { "[]" };
    let say = |lines: &[String]| {
        lines
            .iter()
            .map(|l| format!("      - {l}\n"))
            .collect::<String>()
    };
    format!(
        "# yaml-language-server: $schema={schema_path}\n\
cordial: 1\n\
id: {id}\n\
title: {title}\n\
locale: {locale}\n\
jurisdictions: [{jurisdictions}]\n\
collector: {collector}\n\
creditor: {{name: {company}, sector: {sector}}}\n\
variables:\n\
\x20 agent_name: {{type: text, example: Sam}}\n\
\x20 company: {{type: text, example: {company}}}\n\
\x20 customer_name: {{type: text, example: {customer}}}\n\
start: greet\n\
steps:\n\
\x20 greet:\n\
\x20   title: {greet_title}\n\
\x20   goal: {greet_goal}\n\
\x20   say:\n\
{greet_say}\
\x20   establishes: [identity-verified]\n\
\x20   next:\n\
\x20     - {{when: {right_party}, go: purpose}}\n\
\x20     - {{when: {someone_else}, go: wrong-party}}\n\
\x20 purpose:\n\
\x20   title: {purpose_title}\n\
\x20   requires: [identity-verified]\n\
\x20   say:\n\
{purpose_say}\
\x20   establishes: {establishes}\n\
\x20   next: listen\n\
\x20 listen:\n\
\x20   title: {listen_title}\n\
\x20   say:\n\
{listen_say}\
\x20   next:\n\
\x20     - {{when: {can_pay}, go: terms}}\n\
\x20     - {{when: {cannot_pay}, go: hardship}}\n\
\x20     - {{when: {disputes}, go: dispute}}\n\
\x20     - {{when: {later}, go: callback}}\n\
\x20 terms:\n\
\x20   title: {terms_title}\n\
\x20   requires: [identity-verified]\n\
\x20   say:\n\
{terms_say}\
\x20   establishes: [terms-disclosed]\n\
\x20   next: promise\n\
\x20 promise:\n\
\x20   title: {promise_title}\n\
\x20   requires: [terms-disclosed]\n\
\x20   say:\n\
{promise_say}\
\x20   outcome: promise-to-pay\n\
\x20 hardship:\n\
\x20   title: {hardship_title}\n\
\x20   say:\n\
{hardship_say}\
\x20   outcome: hardship-referral\n\
\x20 dispute:\n\
\x20   title: {dispute_title}\n\
\x20   say:\n\
{dispute_say}\
\x20   outcome: dispute\n\
\x20 wrong-party:\n\
\x20   title: {wrong_title}\n\
\x20   say:\n\
{wrong_say}\
\x20   outcome: wrong-party\n\
\x20 callback:\n\
\x20   title: {callback_title}\n\
\x20   say:\n\
{callback_say}\
\x20   outcome: callback\n",
        id = answers.id,
        title = w.title,
        locale = answers.locale,
        jurisdictions = jurisdictions.join(", "),
        company = w.company,
        customer = w.customer,
        sector = answers.sector.as_str(),
        greet_title = w.greet_title,
        greet_goal = w.greet_goal,
        greet_say = say(&[quoted(w.greet)]),
        right_party = w.right_party,
        someone_else = w.someone_else,
        purpose_title = w.purpose_title,
        purpose_say = say(&purpose_say),
        listen_title = w.listen_title,
        listen_say = say(&[quoted(w.listen)]),
        can_pay = w.can_pay,
        cannot_pay = w.cannot_pay,
        disputes = w.disputes,
        later = w.later,
        terms_title = w.terms_title,
        terms_say = say(&[quoted(w.terms)]),
        promise_title = w.promise_title,
        promise_say = say(&[quoted(w.promise)]),
        hardship_title = w.hardship_title,
        hardship_say = say(&[quoted(w.hardship)]),
        dispute_title = w.dispute_title,
        dispute_say = say(&[quoted(w.dispute)]),
        wrong_title = w.wrong_title,
        wrong_say = say(&[quoted(w.wrong)]),
        callback_title = w.callback_title,
        callback_say = say(&[quoted(w.callback)]),
    )
}

/// Every combination `init` offers, for the test that each one passes.
pub fn every_combination() -> Vec<Answers> {
    let mut all = Vec::new();
    for locale in LOCALES {
        for jurisdiction in [Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk] {
            for sector in Sector::ALL {
                for collector in [Collector::FirstParty, Collector::ThirdParty] {
                    all.push(Answers {
                        id: "first-contact".to_string(),
                        locale: locale.to_string(),
                        jurisdictions: vec![jurisdiction],
                        sector,
                        collector,
                    });
                }
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Options, check_source};
    use crate::source::SourceFile;

    #[test]
    fn every_combination_offered_passes_check() {
        let mut failures = Vec::new();
        let mut combos = every_combination();
        combos.push(Answers {
            jurisdictions: vec![Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk],
            ..combos[0].clone()
        });
        for answers in combos {
            let yaml = playbook_yaml(&answers, "../schema/playbook.schema.json");
            let source = SourceFile::new("first.playbook.yaml".into(), yaml);
            let checked = check_source(source, None, true, &Options::default()).expect("checked");
            if !checked.findings.is_empty() {
                let codes: Vec<&str> = checked.findings.iter().map(|f| f.code).collect();
                failures.push(format!("{answers:?}: {codes:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn wrong_values_list_what_is_allowed_with_a_suggestion() {
        let e = parse_jurisdictions("BR, xx").expect_err("xx is wrong");
        assert!(e.contains("`us`, `br`, `uk`"), "{e}");
        assert_eq!(
            parse_jurisdictions("BR").expect("BR is br"),
            [Jurisdiction::Br]
        );
        let e = parse_sector("utilty").expect_err("typo");
        assert!(e.contains("did you mean `utility`?"), "{e}");
        assert_eq!(parse_locale("PT").expect("pt"), "pt-BR");
    }

    #[test]
    fn the_modeline_points_back_to_the_repository_root() {
        assert_eq!(
            schema_path_for(Path::new("playbooks/x.yaml")),
            "../schema/playbook.schema.json"
        );
        assert_eq!(
            schema_path_for(Path::new("x.yaml")),
            "schema/playbook.schema.json"
        );
    }
}

/// `cordial init` on the command line.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the playbook.
    #[arg(default_value = "playbooks/first-contact.playbook.yaml")]
    pub path: std::path::PathBuf,
    /// Language of the texts: `en` or `pt-BR`.
    #[arg(long)]
    pub locale: Option<String>,
    /// The law that applies, comma-separated: `us`, `br`, `uk`.
    #[arg(long)]
    pub jurisdictions: Option<String>,
    /// The creditor's sector: utility, telecom, bank, retail, health, education.
    #[arg(long)]
    pub sector: Option<String>,
    /// Who collects: `first-party` or `third-party`.
    #[arg(long)]
    pub collector: Option<String>,
    /// The playbook id (default: the file name without `.playbook.yaml`).
    #[arg(long)]
    pub id: Option<String>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Asks for one value on a terminal (empty answer: the default) until it parses.
fn ask<T>(
    question: &str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, String> {
    use std::io::{BufRead, Write};
    let stdin = std::io::stdin();
    loop {
        eprint!("{question} [{default}]: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?
            == 0
        {
            return parse(default);
        }
        let answer = if line.trim().is_empty() {
            default
        } else {
            line.trim()
        };
        match parse(answer) {
            Ok(value) => return Ok(value),
            Err(e) => eprintln!("  {e}"),
        }
    }
}

/// One answer: the flag when given, a prompt on a terminal, the default otherwise.
fn answer<T>(
    flag: Option<&str>,
    interactive: bool,
    question: &str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, String> {
    match flag {
        Some(value) => parse(value),
        None if interactive => ask(question, default, parse),
        None => parse(default),
    }
}

/// The id a file name suggests: `playbooks/agua-sp.playbook.yaml` → `agua-sp`.
fn id_from_path(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("first-contact");
    let stem = name
        .trim_end_matches(".yaml")
        .trim_end_matches(".yml")
        .trim_end_matches(".playbook");
    crate::render::slug::slugify(stem)
}

/// Runs `cordial init`: 0 when written, 1 for a refused answer or an existing file, 2 when the
/// file cannot be written.
pub fn run(args: &InitArgs) -> std::process::ExitCode {
    use std::io::IsTerminal;
    use std::process::ExitCode;
    let interactive = std::io::stdin().is_terminal();
    let answers = (|| -> Result<Answers, String> {
        let locale = answer(
            args.locale.as_deref(),
            interactive,
            "Language of the texts (en, pt-BR)",
            "en",
            parse_locale,
        )?;
        let default_law = if locale.starts_with("pt") { "br" } else { "us" };
        let jurisdictions = answer(
            args.jurisdictions.as_deref(),
            interactive,
            "Jurisdictions (us, br, uk; comma-separated)",
            default_law,
            parse_jurisdictions,
        )?;
        let sector = answer(
            args.sector.as_deref(),
            interactive,
            "Creditor's sector (utility, telecom, bank, retail, health, education)",
            "retail",
            parse_sector,
        )?;
        let collector = answer(
            args.collector.as_deref(),
            interactive,
            "Who collects (first-party, third-party)",
            "first-party",
            parse_collector,
        )?;
        Ok(Answers {
            id: args.id.clone().unwrap_or_else(|| id_from_path(&args.path)),
            locale,
            jurisdictions,
            sector,
            collector,
        })
    })();
    let answers = match answers {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if args.path.exists() && !args.force {
        eprintln!(
            "error: {} exists; choose another path, or pass --force to replace it",
            args.path.display()
        );
        return ExitCode::from(1);
    }
    let yaml = playbook_yaml(&answers, &schema_path_for(&args.path));
    let written = args
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&args.path, yaml));
    match written {
        Ok(()) => {
            println!(
                "wrote {}: check it with `cordial check {}`",
                args.path.display(),
                args.path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.path.display());
            ExitCode::from(2)
        }
    }
}
