//! The words of the guide pages, in the playbook's language.
//!
//! Trainers print these pages for agents who speak the playbook's language, so the headings,
//! legends and table captions follow the locale: Portuguese for `pt`, English otherwise.

/// A language the guide pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Pt,
}

impl Lang {
    /// The page language for a BCP 47 locale.
    pub fn for_locale(locale: &str) -> Self {
        let primary = locale.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("pt") {
            Self::Pt
        } else {
            Self::En
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Self::En => &EN,
            Self::Pt => &PT,
        }
    }
}

/// Fixed words of the pages.
#[derive(Debug)]
pub struct Labels {
    pub lang: Lang,
    pub skip: &'static str,
    pub all_playbooks: &'static str,
    pub eyebrow: &'static str,
    pub index_eyebrow: &'static str,
    pub index_title: &'static str,
    pub index_lede: &'static str,
    pub none_published: &'static str,
    pub id: &'static str,
    pub owner: &'static str,
    pub version: &'static str,
    pub language: &'static str,
    pub jurisdictions: &'static str,
    pub no_jurisdictions: &'static str,
    pub collector: &'static str,
    pub first_party: &'static str,
    pub third_party: &'static str,
    pub creditor: &'static str,
    pub checked_against: &'static str,
    pub time_barred: &'static str,
    pub on_this_page: &'static str,
    pub flow: &'static str,
    pub steps: &'static str,
    pub offers: &'static str,
    pub messages: &'static str,
    pub contact_plan: &'static str,
    pub appendix: &'static str,
    pub flow_hint: &'static str,
    pub scroll_hint: &'static str,
    pub legend_step: &'static str,
    pub legend_good: &'static str,
    pub legend_neutral: &'static str,
    pub legend_attention: &'static str,
    pub flow_text: &'static str,
    pub start_mark: &'static str,
    pub ends_with: &'static str,
    pub go_to: &'static str,
    pub show_examples: &'static str,
    pub show_examples_hint: &'static str,
    pub start: &'static str,
    pub outcome: &'static str,
    pub unreachable: &'static str,
    pub step_id: &'static str,
    pub goal: &'static str,
    pub say: &'static str,
    pub tips: &'static str,
    pub avoid: &'static str,
    pub record: &'static str,
    pub requires: &'static str,
    pub establishes: &'static str,
    pub next: &'static str,
    pub can_end_in: &'static str,
    pub presented_in: &'static str,
    pub worked_example: &'static str,
    pub schedule: &'static str,
    pub number: &'static str,
    pub payment: &'static str,
    pub interest: &'static str,
    pub principal: &'static str,
    pub balance_after: &'static str,
    pub total: &'static str,
    pub subject: &'static str,
    pub with_examples: &'static str,
    pub template_source: &'static str,
    pub contact_hours: &'static str,
    pub local_time: &'static str,
    pub weekdays: &'static str,
    pub saturday: &'static str,
    pub sunday: &'static str,
    pub no_contact: &'static str,
    pub timeline: &'static str,
    pub packs_applied: &'static str,
    pub exceptions: &'static str,
    pub no_exceptions: &'static str,
    pub rule: &'static str,
    pub scope: &'static str,
    pub reason: &'static str,
    pub outcomes: &'static str,
    pub facts: &'static str,
    pub fact: &'static str,
    pub established_by: &'static str,
    pub required_by: &'static str,
    pub by_contact_plan: &'static str,
    pub placeholders: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub example: &'static str,
    pub compiled_by: &'static str,
    pub from: &'static str,
    pub on: &'static str,
    pub step_diagram: &'static str,
    pub diagram_alt: &'static str,
    pub steps_word: &'static str,
    pub starting_at: &'static str,
    pub no_such_step: &'static str,
}

pub static EN: Labels = Labels {
    lang: Lang::En,
    skip: "Skip to content",
    all_playbooks: "All playbooks",
    eyebrow: "Collection playbook",
    index_eyebrow: "Service guides",
    index_title: "Collection playbooks",
    index_lede: "Each guide below was compiled from a checked playbook: what agents read is what was reviewed.",
    none_published: "No playbooks were published.",
    id: "Id",
    owner: "Owner",
    version: "Version",
    language: "Language",
    jurisdictions: "Jurisdictions",
    no_jurisdictions: "None (universal rules only)",
    collector: "Collector",
    first_party: "Own accounts (first party)",
    third_party: "Agency or debt buyer (third party)",
    creditor: "Creditor",
    checked_against: "Checked against",
    time_barred: "These debts are past the statute of limitations: no lawsuit may be threatened or filed.",
    on_this_page: "On this page",
    flow: "Conversation flow",
    steps: "Steps",
    offers: "Offers",
    messages: "Messages",
    contact_plan: "Contact plan",
    appendix: "Compliance appendix",
    flow_hint: "Start at the step with the blue border. Each box links to its step; dashed lines go back to an earlier step.",
    scroll_hint: "Scroll the diagram sideways to see all of it.",
    legend_step: "Step",
    legend_good: "Ended well",
    legend_neutral: "Handed on",
    legend_attention: "Needs attention",
    flow_text: "Steps and transitions as text",
    start_mark: "(start)",
    ends_with: "ends with the outcome",
    go_to: "go to",
    show_examples: "Show example values",
    show_examples_hint: "Show the example values instead of the placeholders",
    start: "Start",
    outcome: "Outcome",
    unreachable: "Not reachable from the start",
    step_id: "Step id in the playbook",
    goal: "Goal",
    say: "Say",
    tips: "Tips",
    avoid: "Don’t say",
    record: "Record",
    requires: "Requires",
    establishes: "Establishes",
    next: "Next",
    can_end_in: "Can end in",
    presented_in: "Presented in",
    worked_example: "Worked example on a balance of",
    schedule: "Payment schedule",
    number: "#",
    payment: "Payment",
    interest: "Interest",
    principal: "Principal",
    balance_after: "Balance after",
    total: "Total",
    subject: "Subject",
    with_examples: "with example values",
    template_source: "Template with placeholders",
    contact_hours: "Contact hours",
    local_time: "(customer’s local time)",
    weekdays: "Monday to Friday",
    saturday: "Saturday",
    sunday: "Sunday and holidays",
    no_contact: "no contact",
    timeline: "Timeline",
    packs_applied: "Rule packs applied",
    exceptions: "Exceptions in force",
    no_exceptions: "None: every rule applies in full.",
    rule: "Rule",
    scope: "Where",
    reason: "Reason",
    outcomes: "Outcomes",
    facts: "Facts",
    fact: "Fact",
    established_by: "Established by",
    required_by: "Required by",
    by_contact_plan: "contact plan",
    placeholders: "Placeholders",
    name: "Name",
    kind: "Kind",
    example: "Example",
    compiled_by: "Compiled by",
    from: "from",
    on: "on",
    step_diagram: "Step diagram of",
    diagram_alt: "The list of steps and transitions below the diagram says the same in text.",
    steps_word: "steps",
    starting_at: "starting at",
    no_such_step: "no such step",
};

pub static PT: Labels = Labels {
    lang: Lang::Pt,
    skip: "Pular para o conteúdo",
    all_playbooks: "Todos os roteiros",
    eyebrow: "Roteiro de cobrança",
    index_eyebrow: "Guias de atendimento",
    index_title: "Roteiros de cobrança",
    index_lede: "Cada guia abaixo foi compilado de um roteiro verificado: o que o operador lê é o que foi revisado.",
    none_published: "Nenhum roteiro foi publicado.",
    id: "Id",
    owner: "Responsável",
    version: "Versão",
    language: "Idioma",
    jurisdictions: "Jurisdições",
    no_jurisdictions: "Nenhuma (só as regras universais)",
    collector: "Quem cobra",
    first_party: "A própria empresa (cobrança própria)",
    third_party: "Assessoria ou comprador da dívida (terceiros)",
    creditor: "Credor",
    checked_against: "Verificado com",
    time_barred: "Estas dívidas estão prescritas: nenhuma ação judicial pode ser ameaçada ou proposta.",
    on_this_page: "Nesta página",
    flow: "Fluxo da conversa",
    steps: "Etapas",
    offers: "Propostas",
    messages: "Mensagens",
    contact_plan: "Régua de contato",
    appendix: "Anexo de conformidade",
    flow_hint: "Comece pela etapa com borda azul. Cada caixa leva à sua etapa; linhas tracejadas voltam a uma etapa anterior.",
    scroll_hint: "Role o diagrama para os lados para vê-lo inteiro.",
    legend_step: "Etapa",
    legend_good: "Terminou bem",
    legend_neutral: "Encaminhado",
    legend_attention: "Pede atenção",
    flow_text: "Etapas e transições em texto",
    start_mark: "(início)",
    ends_with: "termina com o desfecho",
    go_to: "vá para",
    show_examples: "Mostrar valores de exemplo",
    show_examples_hint: "Mostrar os valores de exemplo no lugar dos campos",
    start: "Início",
    outcome: "Desfecho",
    unreachable: "Inalcançável a partir do início",
    step_id: "Id da etapa no roteiro",
    goal: "Objetivo",
    say: "Diga",
    tips: "Dicas",
    avoid: "Não diga",
    record: "Registre",
    requires: "Exige",
    establishes: "Garante",
    next: "Próximo passo",
    can_end_in: "Pode terminar em",
    presented_in: "Apresentada em",
    worked_example: "Exemplo com saldo de",
    schedule: "Cronograma de pagamentos",
    number: "Nº",
    payment: "Parcela",
    interest: "Juros",
    principal: "Amortização",
    balance_after: "Saldo após",
    total: "Total",
    subject: "Assunto",
    with_examples: "com valores de exemplo",
    template_source: "Modelo com os campos",
    contact_hours: "Horário de contato",
    local_time: "(horário local do cliente)",
    weekdays: "Segunda a sexta",
    saturday: "Sábado",
    sunday: "Domingo e feriados",
    no_contact: "sem contato",
    timeline: "Linha do tempo",
    packs_applied: "Pacotes de regras aplicados",
    exceptions: "Exceções em vigor",
    no_exceptions: "Nenhuma: todas as regras se aplicam por inteiro.",
    rule: "Regra",
    scope: "Onde",
    reason: "Motivo",
    outcomes: "Desfechos",
    facts: "Fatos",
    fact: "Fato",
    established_by: "Garantido por",
    required_by: "Exigido por",
    by_contact_plan: "régua de contato",
    placeholders: "Campos",
    name: "Nome",
    kind: "Tipo",
    example: "Exemplo",
    compiled_by: "Compilado por",
    from: "a partir de",
    on: "em",
    step_diagram: "Diagrama das etapas de",
    diagram_alt: "A lista de etapas e transições abaixo do diagrama diz o mesmo em texto.",
    steps_word: "etapas",
    starting_at: "começando em",
    no_such_step: "etapa inexistente",
};

impl Labels {
    /// A decimal string (`1234.5`, `-3`) with the language's separators: `1,234.5`, `1.234,5`.
    pub fn number(&self, decimal: &str) -> String {
        let (sign, digits) = match decimal.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", decimal),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
            return decimal.to_string();
        }
        let (group, point) = match self.lang {
            Lang::En => (',', '.'),
            Lang::Pt => ('.', ','),
        };
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

    /// An amount with its currency, the way a statement in this language prints it.
    pub fn money(&self, currency: &str, decimal: &str) -> String {
        let number = self.number(decimal);
        let symbol = match (currency, self.lang) {
            ("USD", Lang::En) => "$",
            ("USD", Lang::Pt) => "US$",
            ("BRL", _) => "R$",
            ("GBP", _) => "£",
            ("EUR", _) => "€",
            ("", _) => return number,
            (code, _) => return format!("{code} {number}"),
        };
        match (self.lang, symbol.chars().count()) {
            (Lang::En, 1) => format!("{symbol}{number}"),
            _ => format!("{symbol} {number}"),
        }
    }

    /// `n` followed by a singular or plural noun.
    pub fn count(&self, n: usize, singular: &str, plural: &str) -> String {
        if n == 1 {
            format!("1 {singular}")
        } else {
            format!("{n} {plural}")
        }
    }

    pub fn days(&self, n: i64) -> String {
        match self.lang {
            Lang::En => self.count(n.unsigned_abs() as usize, "day", "days"),
            Lang::Pt => self.count(n.unsigned_abs() as usize, "dia", "dias"),
        }
    }

    /// When a touch happens, relative to the due date: (short label, sentence, marker style).
    pub fn touch_day(&self, day: i32) -> (String, String, &'static str) {
        let n = i64::from(day);
        let (before, due, after) = match self.lang {
            Lang::En => (
                "before the due date",
                "On the due date",
                "after the due date",
            ),
            Lang::Pt => (
                "antes do vencimento",
                "No dia do vencimento",
                "depois do vencimento",
            ),
        };
        let day_word = if self.lang == Lang::Pt { "Dia" } else { "Day" };
        match day {
            d if d < 0 => (
                format!("{day_word} {d}"),
                format!("{} {before}", self.days(n)),
                "before",
            ),
            0 => (format!("{day_word} 0"), due.to_string(), "due"),
            d => (
                format!("{day_word} +{d}"),
                format!("{} {after}", self.days(n)),
                "after",
            ),
        }
    }

    pub fn jurisdiction(&self, code: &str) -> String {
        match (self.lang, code) {
            (Lang::En, "us") => "United States".into(),
            (Lang::En, "br") => "Brazil".into(),
            (Lang::En, "uk") => "United Kingdom".into(),
            (Lang::Pt, "us") => "Estados Unidos".into(),
            (Lang::Pt, "br") => "Brasil".into(),
            (Lang::Pt, "uk") => "Reino Unido".into(),
            (_, other) => other.to_string(),
        }
    }

    pub fn channel(&self, channel: &str) -> String {
        match (self.lang, channel) {
            (_, "sms") => "SMS".into(),
            (_, "whatsapp") => "WhatsApp".into(),
            (_, "ivr") => if self.lang == Lang::Pt { "URA" } else { "IVR" }.into(),
            (Lang::En, "email") => "E-mail".into(),
            (Lang::En, "letter") => "Letter".into(),
            (Lang::En, "push") => "Push notification".into(),
            (Lang::En, "phone") => "Phone".into(),
            (Lang::Pt, "email") => "E-mail".into(),
            (Lang::Pt, "letter") => "Carta".into(),
            (Lang::Pt, "push") => "Notificação push".into(),
            (Lang::Pt, "phone") => "Telefone".into(),
            (_, other) => other.to_string(),
        }
    }

    pub fn outcome(&self, outcome: &str) -> String {
        let pt = match outcome {
            "agreement" => "acordo",
            "paid" => "pago",
            "promise-to-pay" => "promessa de pagamento",
            "callback" => "retorno agendado",
            "refused" => "recusa",
            "dispute" => "contestação",
            "hardship-referral" => "encaminhamento por dificuldade",
            "wrong-party" => "pessoa errada",
            "escalated" => "escalado",
            "no-contact" => "sem contato",
            other => other,
        };
        match self.lang {
            Lang::En => outcome.replace('-', " "),
            Lang::Pt => pt.to_string(),
        }
    }

    pub fn offer_kind(&self, kind: &str) -> String {
        match (self.lang, kind) {
            (Lang::Pt, "installment-plan") => "parcelamento".into(),
            (Lang::Pt, "discount") => "desconto".into(),
            (Lang::Pt, "deferral") => "prorrogação".into(),
            (Lang::Pt, "settlement") => "quitação com desconto".into(),
            (_, other) => other.replace('-', " "),
        }
    }

    pub fn escalation(&self, action: &str) -> &'static str {
        match (self.lang, action) {
            (Lang::En, "credit-bureau-report") => "Escalation: report to a credit bureau",
            (Lang::En, "protest") => "Escalation: protest at a notary",
            (Lang::En, "small-claims") => "Escalation: small-claims court",
            (Lang::En, "legal-referral") => "Escalation: referral to lawyers",
            (Lang::En, "write-off") => "Stop collecting: write the debt off",
            (Lang::En, _) => "Escalation",
            (Lang::Pt, "credit-bureau-report") => {
                "Escalonamento: registro em órgão de proteção ao crédito"
            }
            (Lang::Pt, "protest") => "Escalonamento: protesto em cartório",
            (Lang::Pt, "small-claims") => "Escalonamento: juizado especial cível",
            (Lang::Pt, "legal-referral") => "Escalonamento: encaminhamento ao jurídico",
            (Lang::Pt, "write-off") => "Encerrar a cobrança: baixa da dívida",
            (Lang::Pt, _) => "Escalonamento",
        }
    }

    /// "Phone call", "Phone, up to 3 call attempts".
    pub fn call(&self, channel: String, attempts: Option<u32>) -> String {
        match (self.lang, attempts) {
            (Lang::En, Some(n)) if n > 1 => format!("{channel}, up to {n} call attempts"),
            (Lang::Pt, Some(n)) if n > 1 => format!("{channel}, até {n} tentativas de ligação"),
            (Lang::En, Some(_)) => format!("{channel} call"),
            (Lang::Pt, Some(_)) => "Ligação".into(),
            (_, None) => channel,
        }
    }

    pub fn status(&self, errors: usize, warnings: usize, infos: usize) -> (&'static str, String) {
        let pt = self.lang == Lang::Pt;
        if errors > 0 {
            let n = if pt {
                self.count(errors, "erro", "erros")
            } else {
                self.count(errors, "error", "errors")
            };
            (
                "errors",
                if pt {
                    format!("{n} — publicado com erros")
                } else {
                    format!("{n} — published with errors")
                },
            )
        } else if warnings > 0 {
            let n = if pt {
                self.count(warnings, "aviso", "avisos")
            } else {
                self.count(warnings, "warning", "warnings")
            };
            (
                "warnings",
                if pt {
                    format!("Verificado: {n} em vigor")
                } else {
                    format!("Checked: {n} in force")
                },
            )
        } else if infos > 0 {
            let n = if pt {
                self.count(infos, "sugestão", "sugestões")
            } else {
                self.count(infos, "suggestion", "suggestions")
            };
            (
                "clean",
                if pt {
                    format!("Verificado, sem erros nem avisos ({n})")
                } else {
                    format!("Checked, no errors or warnings ({n})")
                },
            )
        } else {
            (
                "clean",
                if pt {
                    "Verificado, nada encontrado".into()
                } else {
                    "Checked, no findings".into()
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portuguese_for_pt_locales_only() {
        assert_eq!(Lang::for_locale("pt-BR"), Lang::Pt);
        assert_eq!(Lang::for_locale("PT"), Lang::Pt);
        assert_eq!(Lang::for_locale("en-US"), Lang::En);
        assert_eq!(Lang::for_locale("es"), Lang::En);
    }

    #[test]
    fn amounts_follow_the_language() {
        assert_eq!(EN.money("USD", "1250.00"), "$1,250.00");
        assert_eq!(PT.money("BRL", "1250.00"), "R$ 1.250,00");
        assert_eq!(PT.money("JPY", "-1234567"), "JPY -1.234.567");
        assert_eq!(EN.number("12"), "12");
        assert_eq!(EN.number("n/a"), "n/a");
    }

    #[test]
    fn days_and_status_read_naturally() {
        assert_eq!(EN.touch_day(-3).1, "3 days before the due date");
        assert_eq!(PT.touch_day(1).1, "1 dia depois do vencimento");
        assert_eq!(EN.status(0, 2, 0).1, "Checked: 2 warnings in force");
        assert_eq!(PT.status(0, 0, 0).1, "Verificado, nada encontrado");
    }
}
