//! The words of call mode, in-place findings, offers inside steps and print headers, in the
//! page's language. Kept beside `labels.rs` so each table stays readable.

use super::labels::Lang;

/// Fixed words added for agents in the middle of a call.
#[derive(Debug)]
pub struct GuideWords {
    pub lang: Lang,
    pub playbooks_nav: &'static str,
    pub call_mode: &'static str,
    pub call_intro: &'static str,
    pub start_call: &'static str,
    pub leave_call: &'static str,
    pub start_over: &'static str,
    pub responses: &'static str,
    pub continue_to: &'static str,
    pub came_from: &'static str,
    pub trail: &'static str,
    pub call_ends: &'static str,
    pub step: &'static str,
    pub draft: &'static str,
    pub finding_here: &'static str,
    pub findings_in_step: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    pub line: &'static str,
    pub annual_rate: &'static str,
    pub monthly_rate: &'static str,
    pub last_day: &'static str,
    pub fees: &'static str,
    pub payments_total: &'static str,
    pub total_with_fees: &'static str,
    pub discounted: &'static str,
    pub schedule_region: &'static str,
    pub table_region: &'static str,
    pub diagram_region: &'static str,
    pub playbook: &'static str,
    pub offer_in_step: &'static str,
}

pub static EN_WORDS: GuideWords = GuideWords {
    lang: Lang::En,
    playbooks_nav: "Playbooks",
    call_mode: "Call mode",
    call_intro: "One step at a time: what to say, the tips, what never to say, and one button for each answer the customer gives. Tab moves between the answers, Enter follows one.",
    start_call: "Start the call",
    leave_call: "Back to the whole guide",
    start_over: "Start over",
    responses: "The customer’s answer",
    continue_to: "Continue",
    came_from: "Came from",
    trail: "This call so far",
    call_ends: "The call ends with the outcome",
    step: "Step",
    draft: "Draft — built with errors allowed. Do not use it in calls: the lines marked below must be fixed first.",
    finding_here: "Finding on this line",
    findings_in_step: "Findings in this step",
    error: "Error",
    warning: "Warning",
    info: "Note",
    line: "line",
    annual_rate: "Annual effective rate",
    monthly_rate: "Monthly rate",
    last_day: "Last day to pay",
    fees: "Fees",
    payments_total: "Total of the payments",
    total_with_fees: "Total with fees",
    discounted: "Pays with the largest discount",
    schedule_region: "Payment schedule, scrollable",
    table_region: "Table, scrollable",
    diagram_region: "Step diagram, scrollable",
    playbook: "Playbook",
    offer_in_step: "Offer you may present here",
};

pub static PT_WORDS: GuideWords = GuideWords {
    lang: Lang::Pt,
    playbooks_nav: "Roteiros",
    call_mode: "Modo ligação",
    call_intro: "Uma etapa por vez: o que dizer, as dicas, o que nunca dizer e um botão para cada resposta do cliente. Tab passa de uma resposta a outra, Enter segue a escolhida.",
    start_call: "Iniciar a ligação",
    leave_call: "Voltar ao guia completo",
    start_over: "Recomeçar",
    responses: "A resposta do cliente",
    continue_to: "Continuar",
    came_from: "Veio de",
    trail: "Esta ligação até aqui",
    call_ends: "A ligação termina com o desfecho",
    step: "Etapa",
    draft: "Rascunho — publicado com erros. Não use em ligações: as falas marcadas abaixo precisam ser corrigidas antes.",
    finding_here: "Apontamento nesta fala",
    findings_in_step: "Apontamentos nesta etapa",
    error: "Erro",
    warning: "Aviso",
    info: "Sugestão",
    line: "linha",
    annual_rate: "Taxa efetiva anual",
    monthly_rate: "Taxa mensal",
    last_day: "Último dia para pagar",
    fees: "Tarifas",
    payments_total: "Total das parcelas",
    total_with_fees: "Total com tarifas",
    discounted: "Paga com o maior desconto",
    schedule_region: "Cronograma de pagamentos, com rolagem",
    table_region: "Tabela, com rolagem",
    diagram_region: "Diagrama das etapas, com rolagem",
    playbook: "Roteiro",
    offer_in_step: "Proposta que pode ser apresentada aqui",
};

impl GuideWords {
    pub fn severity(&self, severity: &str) -> &'static str {
        match severity {
            "error" => self.error,
            "warning" => self.warning,
            _ => self.info,
        }
    }
}

impl Lang {
    pub fn words(self) -> &'static GuideWords {
        match self {
            Self::En => &EN_WORDS,
            Self::Pt => &PT_WORDS,
        }
    }

    /// A fact id as the page shows it: the facts the rules know in words (their Portuguese
    /// names are in the catalogue), others with their dashes read as spaces.
    pub fn fact(self, id: &str) -> String {
        let known = crate::rules::facts::CATALOGUE.iter().find(|f| f.name == id);
        match (self, known) {
            (Self::Pt, Some(fact)) => fact.pt.to_string(),
            _ => id.replace(['-', '_'], " "),
        }
    }
}
