//! Generated inputs: realistic playbooks in English and Portuguese (even ids English, odd ids
//! Portuguese), and the hostile shapes of the super-linear series.

use std::collections::HashMap;
use std::sync::Arc;

use cordial::check::CheckedFile;
use cordial::report::{self, human};

struct Language {
    locale: &'static str,
    jurisdiction: &'static str,
    currency: &'static str,
    greet: &'static str,
    verify: &'static str,
    lines: [&'static str; 6],
    tips: [&'static str; 3],
    avoid: &'static str,
    whens: [&'static str; 3],
    sms: &'static str,
    email: &'static str,
}

const EN: Language = Language {
    locale: "en-US",
    jurisdiction: "us",
    currency: "USD",
    greet: "Hello, this is {agent_name} from {company}. May I speak with {customer_name}, please?",
    verify: "For your security, could you confirm your date of birth and the last four digits of your account?",
    lines: [
        "Thank you, {customer_name}. I understand this can be a difficult moment, and I am here to help.",
        "Could you tell me what monthly amount would fit your budget without leaving out essentials?",
        "We can split the balance into monthly payments with no fees; I will tell you each payment and the total before you decide.",
        "Take your time: which of these, if any, would fit your budget?",
        "Your balance today is {amount_due}, due since {due_date}. You can see the statement at {payment_link}.",
        "If you have already paid, please tell me and I will check it with you.",
    ],
    tips: [
        "Listen actively and do not interrupt; acknowledge the difficulty before talking numbers.",
        "Offer only what the customer can keep; a plan that fails next month helps nobody.",
        "Note the reason for the delay in the customer's own words.",
    ],
    avoid: "This offer is only good while we're on the phone.",
    whens: [
        "The customer wants to go on",
        "The customer asks for a call back",
        "The customer disputes the balance",
    ],
    sms: "Hi {customer_name}, {company} here. A friendly reminder: {amount_due} is due on {due_date}. Questions? {callback_number}. Reply STOP to opt out.",
    email: "Hello {customer_name},\n\n      We noticed that the payment of {amount_due} due on {due_date} has not reached us yet. If this is a difficult moment, we would like to help: see the options at {payment_link} or call {callback_number}.\n\n      {company} Customer Care\n      Reply STOP to opt out of these e-mails.",
};

const PT: Language = Language {
    locale: "pt-BR",
    jurisdiction: "br",
    currency: "BRL",
    greet: "Olá, bom dia! Aqui é {agent_name}, da {company}. Por favor, eu falo com {customer_name}?",
    verify: "Para sua segurança, pode me confirmar os três primeiros dígitos do seu CPF e a sua data de nascimento?",
    lines: [
        "Obrigada, {customer_name}. Eu entendo que este pode ser um momento difícil, e estou aqui para ajudar.",
        "Quanto você conseguiria reservar por mês depois das despesas essenciais, como moradia, alimentação e saúde?",
        "Podemos dividir o valor total em parcelas sem tarifas; antes de decidir, eu digo o valor de cada parcela e o total.",
        "Com calma: qual dessas opções cabe no seu orçamento?",
        "Hoje o valor total em aberto é {amount_due}, com vencimento em {due_date}. O extrato está em {payment_link}.",
        "Se você já pagou, me avise e eu confiro com você.",
    ],
    tips: [
        "Escute sem interromper e reconheça a dificuldade antes de falar de números.",
        "Ofereça só o que o cliente consegue cumprir; um acordo que falha no mês seguinte não ajuda ninguém.",
        "Anote o motivo do atraso com as palavras do cliente.",
    ],
    avoid: "Essa proposta só vale enquanto estamos no telefone.",
    whens: [
        "O cliente quer continuar",
        "O cliente pede para ligar depois",
        "O cliente contesta o valor",
    ],
    sms: "Oi {customer_name}, aqui é a {company}. Lembrete: {amount_due} vence em {due_date}. Dúvidas? {callback_number}. Responda SAIR para não receber mais.",
    email: "Olá, {customer_name},\n\n      Notamos que o pagamento de {amount_due} com vencimento em {due_date} ainda não chegou. Se este é um momento difícil, queremos ajudar: veja as opções em {payment_link} ou ligue para {callback_number}.\n\n      Atendimento {company}\n      Responda SAIR para não receber mais e-mails.",
};

/// A playbook of `steps` steps (at least 3) in the style of the bundled ones.
pub fn realistic(id: usize, steps: usize) -> String {
    let l = if id.is_multiple_of(2) { &EN } else { &PT };
    let steps = steps.max(3);
    let mut s = format!(
        "# yaml-language-server: $schema=../schema/playbook.schema.json\ncordial: 1\nid: bench-{id}\ntitle: Generated guide {id}\nlocale: {}\njurisdictions: [{}]\ncollector: first-party\nowner: Collections\nversion: \"2026.11\"\n\
summary: >\n  A generated playbook of {steps} steps for measuring cordial: greeting, identity check,\n  listening, options with every term, confirmation and follow-up.\n\n\
variables:\n  customer_name: {{type: text, example: \"Jordan Lee\"}}\n  agent_name: {{type: text, example: \"Sam\"}}\n  company: {{type: text, example: \"Acme Credit\"}}\n  callback_number: {{type: text, example: \"800-555-0100\"}}\n  payment_link: {{type: text, example: \"acme.example/pay\"}}\n  amount_due: {{type: money, example: 1250.00}}\n  due_date: {{type: date, example: \"2026-12-05\"}}\n\n\
start: s0\n\nsteps:\n",
        l.locale, l.jurisdiction
    );
    s.push_str(&format!(
        "  s0:\n    title: Greeting\n    goal: Greet and ask for the account holder, saying nothing about the debt.\n    say:\n      - \"{}\"\n    next:\n      - when: {}\n        go: s1\n      - when: {}\n        go: callback\n\n",
        l.greet, l.whens[0], l.whens[1]
    ));
    s.push_str(&format!(
        "  s1:\n    title: Identity\n    goal: Be sure we speak with the account holder.\n    say:\n      - \"{}\"\n    establishes: [identity-verified]\n    next:\n      - when: {}\n        go: s2\n      - when: {}\n        go: callback\n\n",
        l.verify, l.whens[0], l.whens[1]
    ));
    for i in 2..steps {
        let a = l.lines[i % 6];
        let b = l.lines[(i + 3) % 6];
        let tip = l.tips[i % 3];
        let extra = if i % 10 == 5 {
            "    offers: [installments]\n    establishes: [terms-disclosed]\n"
        } else {
            "    requires: [identity-verified]\n"
        };
        let next = if i + 1 == steps {
            "    outcome: agreement\n".to_string()
        } else {
            format!(
                "    next:\n      - when: {}\n        go: s{}\n      - when: {}\n        go: callback\n      - when: {}\n        go: dispute\n",
                l.whens[0],
                i + 1,
                l.whens[1],
                l.whens[2]
            )
        };
        s.push_str(&format!(
            "  s{i}:\n    title: Step {i}\n    goal: Understand the customer's situation without judgment.\n    say:\n      - \"{a}\"\n      - \"{b}\"\n    tips: [\"{tip}\"]\n    avoid: [\"{}\"]\n{extra}{next}\n",
            l.avoid
        ));
    }
    s.push_str("  callback:\n    title: Call back\n    say: [\"{customer_name}, {callback_number}.\"]\n    outcome: callback\n  dispute:\n    title: Dispute\n    say: [\"{payment_link}\"]\n    outcome: dispute\n\n");
    s.push_str(&format!(
        "offers:\n  installments:\n    kind: installment-plan\n    title: Monthly installments\n    description: The balance in equal monthly payments, no fees.\n    currency: {}\n    max_installments: 12\n    min_installment: 25.00\n    monthly_interest_pct: 0\n    fees: []\n    example: {{principal: 1200.00, installments: 12, installment: 100.00, total: 1200.00}}\n\n",
        l.currency
    ));
    s.push_str(&format!(
        "templates:\n  reminder:\n    channel: sms\n    title: Reminder\n    text: \"{}\"\n  options-email:\n    channel: email\n    title: Options\n    subject: \"{{customer_name}}, {{company}}\"\n    text: |\n      {}\n\ncadence:\n  - {{day: -3, channel: sms, template: reminder}}\n  - {{day: 1, channel: email, template: options-email}}\n  - {{day: 3, channel: phone, step: s0, attempts: 2}}\ncontact_hours:\n  weekdays: {{from: \"08:00\", to: \"21:00\"}}\n",
        l.sms, l.email
    ));
    s
}

fn head(id: &str) -> String {
    format!("cordial: 1\nid: {id}\ntitle: Series\nlocale: en\n")
}

pub fn chain(steps: usize, requires: &str) -> String {
    let mut y = head("chain");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..steps {
        y.push_str(&format!("  s{i}: {{{requires}next: s{}}}\n", i + 1));
    }
    y.push_str(&format!("  s{steps}: {{outcome: paid}}\n"));
    y
}

/// Each step establishes one fact and requires the one established two steps before.
pub fn many_facts(steps: usize) -> String {
    let mut y = head("facts");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..steps {
        let fact = i / 2;
        let req = if fact > 0 {
            format!("requires: [f{}], ", fact - 1)
        } else {
            String::new()
        };
        y.push_str(&format!(
            "  s{i}: {{{req}establishes: [f{fact}], next: s{}}}\n",
            i + 1
        ));
    }
    y.push_str(&format!("  s{steps}: {{outcome: paid}}\n"));
    y
}

pub fn unknown_targets(n: usize) -> String {
    let mut y = head("unknown");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..n {
        y.push_str(&format!("  s{i}: {{next: missing-{i}}}\n"));
    }
    y
}

pub fn placeholders(n: usize) -> String {
    let text = "{amount} {nope} ".repeat(n);
    format!(
        "{}variables:\n  amount: {{type: money, example: 12}}\nstart: a\nsteps:\n  a: {{say: [\"{text}\"], outcome: paid}}\ntemplates:\n  t: {{channel: sms, title: T, text: \"{text}\"}}\ncadence:\n  - {{day: 1, channel: sms, template: t}}\n",
        head("placeholders")
    )
}

pub fn matches(kb: usize) -> String {
    let line = "You will go to jail. ".repeat(kb * 1024 / 21);
    format!(
        "{}start: a\nsteps:\n  a:\n    say: [\"{line}\"]\n    outcome: paid\n",
        head("matches")
    )
}

pub fn alternatives(groups: usize) -> String {
    let phrase = "{a|b|c|d|e|f|g|h|i|j} ".repeat(groups);
    format!(
        "{}compliance:\n  prohibited: [\"{}\"]\nstart: a\nsteps:\n  a: {{say: [\"a b c\"], outcome: paid}}\n",
        head("alternatives"),
        phrase.trim()
    )
}

pub fn alias_bytes(n: usize) -> String {
    let big = "x".repeat(1_000_000);
    format!(
        "{}a: &big \"{big}\"\nb: [{}]\n",
        head("alias"),
        vec!["*big"; n].join(", ")
    )
}

pub fn one_line(steps: usize) -> String {
    let body: Vec<String> = (0..steps)
        .map(|i| {
            format!(
                "s{i}: {{say: ['Hello there friend number {i}'], next: s{}}}",
                i + 1
            )
        })
        .collect();
    format!(
        "{{cordial: 1, id: long, title: Long, locale: en, start: s0, steps: {{{}, s{steps}: {{next: nowhere}}}}}}\n",
        body.join(", ")
    )
}

/// The human report of a run, as `cordial check` prints it.
pub fn render_human(files: &[CheckedFile]) -> String {
    let diagnostics = report::diagnostics(files);
    let sources: HashMap<String, Arc<String>> = files
        .iter()
        .map(|f| (f.source.display_path(), f.source.text.clone()))
        .collect();
    human::render(&diagnostics, &sources, human::Style::Plain, 100)
}
