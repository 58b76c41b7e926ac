//! Words built from values: amounts, days, counts, channel and outcome names, statuses, in
//! the language of a [`Labels`] table.

use super::labels::{Labels, Lang};
use crate::analysis::money;

impl Labels {
    /// A decimal string (`1234.5`, `-3`) with the language's separators: `1,234.5`, `1.234,5`.
    pub fn number(&self, decimal: &str) -> String {
        money::group_digits(decimal, self.lang == Lang::Pt)
    }

    /// An amount with its currency, the way a statement in this language prints it.
    pub fn money(&self, currency: &str, decimal: &str) -> String {
        money::with_currency(currency, decimal, self.lang == Lang::Pt)
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

    pub fn variable_kind(&self, kind: &str) -> String {
        match (self.lang, kind) {
            (Lang::Pt, "text") => "texto".into(),
            (Lang::Pt, "money") => "valor".into(),
            (Lang::Pt, "date") => "data".into(),
            (Lang::Pt, "number") => "número".into(),
            (Lang::Pt, "percent") => "percentual".into(),
            (_, other) => other.to_string(),
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
            (Lang::En, "service-suspension") => "Escalation: suspend the service, after its notice",
            (Lang::En, _) => "Escalation",
            (Lang::Pt, "credit-bureau-report") => {
                "Escalonamento: registro em órgão de proteção ao crédito"
            }
            (Lang::Pt, "protest") => "Escalonamento: protesto em cartório",
            (Lang::Pt, "small-claims") => "Escalonamento: juizado especial cível",
            (Lang::Pt, "legal-referral") => "Escalonamento: encaminhamento ao jurídico",
            (Lang::Pt, "write-off") => "Encerrar a cobrança: baixa da dívida",
            (Lang::Pt, "service-suspension") => "Escalonamento: suspensão do serviço, após o aviso",
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
    use super::super::labels::{EN, PT};

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
