//! What each finding means, in Portuguese, for guides written in Portuguese. A rule's own
//! message is English (it names keys and values of the file); on a Portuguese page the finding
//! shows this sentence, its code and its line, and `guide.json` keeps the rule's message.

/// The Portuguese sentence for a rule code; None for a code this table does not know yet.
pub fn message_pt(code: &str) -> Option<&'static str> {
    Some(match code {
        "input/unreadable" => "o arquivo não pode ser lido como texto",
        "yaml/syntax" => "YAML inválido, chave duplicada ou estrutura além dos limites",
        "schema/invalid" => {
            "não segue o formato do roteiro: chave faltando, desconhecida ou com valor errado"
        }
        "ref/unknown-step" => "referência a uma etapa que não existe",
        "ref/unknown-offer" => "a etapa apresenta uma proposta que não existe",
        "ref/unknown-template" => "referência a um modelo de mensagem que não existe",
        "ref/undeclared-variable" => "campo usado no texto sem estar declarado em `variables`",
        "ref/unused-offer" => "proposta que nenhuma etapa apresenta",
        "ref/unused-template" => "modelo de mensagem que a régua nunca envia",
        "ref/unused-variable" => "campo declarado que nenhum texto usa",
        "ref/duplicate-id" => "dois roteiros com o mesmo `id`",
        "graph/dead-end" => "etapa sem próximo passo nem desfecho",
        "graph/terminal-with-next" => "etapa com próximo passo e desfecho ao mesmo tempo",
        "graph/unreachable" => "etapa que nenhum caminho a partir do início alcança",
        "graph/no-exit" => "etapas das quais nenhum desfecho pode ser alcançado",
        "graph/duplicate-branch" => "duas saídas da mesma etapa com a mesma condição",
        "path/missing-fact" => "a etapa exige um fato que algum caminho até ela não garante",
        "path/required-branch" => "um desfecho exigido pelas regras não pode ser alcançado",
        "disclosure/identity-first" => "dados da dívida antes de confirmar a identidade",
        "disclosure/mini-miranda" => "a dívida é tratada antes do aviso de cobrança exigido",
        "disclosure/opt-out" => "SMS ou e-mail sem dizer como deixar de receber mensagens",
        "disclosure/creditor-identity" => "mensagem de cobrança sem o nome e o CNPJ do credor",
        "terms/missing" => "falta uma condição que este tipo de proposta exige",
        "terms/math" => "números da proposta impossíveis ou que o cronograma não confirma",
        "terms/claim-mismatch" => "a fala promete mais do que a proposta permite",
        "terms/undisclosed" => "acordo ou proposta sem antes informar as condições",
        "cadence/contact-hours" => "horário de contato fora do que a lei permite",
        "cadence/call-frequency" => "mais tentativas de ligação do que a lei permite em 7 dias",
        "cadence/notice-before-escalation" => "negativação sem o aviso prévio que a lei exige",
        "cadence/order" => "contatos fora de ordem, ou escalonamento antes de um contato amigável",
        "template/sms-length" => "SMS com mais de um segmento depois de preencher os exemplos",
        "text/bidi-control" => {
            "caractere invisível de direção do texto, que muda a ordem em que o texto aparece"
        }
        "wording/threat" => "ameaça de violência, prisão, polícia ou processo criminal por dívida",
        "wording/abuse" => "ofensa, palavrão ou rótulo humilhante",
        "wording/shaming" => {
            "expõe ou ameaça expor a dívida a família, trabalho, vizinhos ou público"
        }
        "wording/pressure" => {
            "urgência falsa ou pressão para pagar de uma vez, pedir emprestado ou vender algo"
        }
        "wording/false-authority" => {
            "finge ser ou agir por advogado, tribunal, polícia, birô de crédito ou governo"
        }
        "wording/false-consequence" => "anuncia uma consequência que não é verdadeira",
        "wording/legal-action" => {
            "anuncia processo, penhora, negativação ou protesto que a régua não prevê"
        }
        "wording/pretext" => "motivo falso para o cliente entrar em contato",
        "wording/prohibited" => "frase da lista de proibidas do próprio roteiro",
        "wording/required" => "falta uma frase que o roteiro exige",
        "wording/avoided" => "a fala contém uma frase que a própria etapa manda evitar",
        "wording/prefer" => "existe uma forma mais respeitosa de dizer",
        "wording/locale-fallback" => "ainda não há pacote de linguagem para este idioma",
        "wording/suspension" => "anuncia o corte do serviço sem o aviso prévio que a lei exige",
        "wording/locale-mismatch" => "o texto está em outro idioma que o declarado no roteiro",
        "ref/malformed-placeholder" => {
            "marcador de variável mal escrito, que seria enviado como está"
        }
        "ref/unknown-fact" => "fato desconhecido, provavelmente um erro de digitação",
        "jurisdiction/missing" => {
            "o roteiro não declara `jurisdictions`: a lei aplicada foi deduzida dele, ou só as regras universais foram verificadas"
        }
        "cadence/forbidden-day" => {
            "contato marcado para domingo ou feriado, quando a lei não permite"
        }
        "suppression/missing-reason" => "exceção sem motivo",
        "suppression/unused" => "exceção que não silencia nada",
        "suppression/forbidden" => "tentativa de silenciar uma regra que não admite exceção",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_portuguese_sentence() {
        let missing: Vec<&str> = crate::rules::all()
            .iter()
            .map(|m| m.code)
            .filter(|code| message_pt(code).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "add to src/render/findings_pt.rs: {missing:?}"
        );
    }
}
