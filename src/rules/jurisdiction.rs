//! The numbers each jurisdiction's law fixes, in one table per pack.
//!
//! Rules read these parameters instead of hard-coding hours, caps and notice periods, so that
//! `cordial.toml` (a state's own contact hours, a creditor's stricter policy) can replace a
//! pack's values without touching any rule ([`super::configured`]). Values are the defaults the
//! research settled on; each field says where it comes from.

use std::sync::Arc;

use crate::model::{Channel, Jurisdiction, Outcome};

/// The 27 federative units of Brazil (26 states and the Federal District), as their UF codes.
pub const BR_STATES: [&str; 27] = [
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR",
    "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

/// A window of the day in minutes since midnight, `from` inclusive, `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: u32,
    pub to: u32,
}

impl Window {
    pub const fn hours(from: u32, to: u32) -> Self {
        Self {
            from: from * 60,
            to: to * 60,
        }
    }
    /// Whether `[from, to]` lies inside this window.
    pub fn contains(&self, from: u32, to: u32) -> bool {
        from >= self.from && to <= self.to && from <= to
    }
    /// `HH:MM–HH:MM`, for messages.
    pub fn describe(&self) -> String {
        format!("{}–{}", hhmm(self.from), hhmm(self.to))
    }
    /// The part of the day both windows allow; None when they do not overlap.
    pub fn intersect(&self, other: &Window) -> Option<Window> {
        let (from, to) = (self.from.max(other.from), self.to.min(other.to));
        (from <= to).then_some(Window { from, to })
    }
    /// Whether every time this window allows, `other` allows too.
    pub fn within(&self, other: &Window) -> bool {
        self.from >= other.from && self.to <= other.to
    }
}

/// `HH:MM` of minutes since midnight.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// When the law lets a collector contact a customer, per kind of day (None: not at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalHours {
    pub weekdays: Option<Window>,
    pub saturday: Option<Window>,
    /// Sundays and public holidays.
    pub sunday: Option<Window>,
    /// False when the window is good practice rather than law: findings become warnings.
    pub binding: bool,
    /// The source of the window, for the finding's note.
    pub citation: &'static str,
}

/// A cap on call attempts over a rolling period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallCap {
    pub max_attempts: u32,
    pub window_days: u32,
    pub citation: &'static str,
    /// True when the number is law (its findings are errors), false for a default (warnings).
    pub binding: bool,
}

/// What must happen before a debt is reported to a credit bureau.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BureauNotice {
    /// A written notice by letter (a touch with `channel: letter` establishing
    /// `bureau-notice-sent`) at least `days` before the report.
    LetterBefore { days: u32, citation: &'static str },
    /// The report comes at least `days` after the first contact with the customer.
    AfterFirstContact { days: u32, citation: &'static str },
}

/// Which collectors an obligation binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collectors {
    /// Agencies and debt buyers only (the FDCPA's "debt collector"), not creditors collecting their own accounts.
    ThirdPartyOnly,
    /// Everyone who collects.
    All,
}

impl Collectors {
    pub fn binds(self, collector: crate::model::Collector) -> bool {
        match self {
            Self::ThirdPartyOnly => collector == crate::model::Collector::ThirdParty,
            Self::All => true,
        }
    }
}

/// Every parameter the rules read for one jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurisdictionParams {
    pub jurisdiction: Jurisdiction,
    /// Permitted contact hours, in the customer's local time.
    pub contact_hours: LegalHours,
    /// Most call attempts in a rolling window; None where the law sets no number.
    pub call_cap: Option<CallCap>,
    /// The notice due before a credit-bureau report; None where the packs do not check it.
    pub bureau_notice: Option<BureauNotice>,
    /// Outcomes every playbook must be able to reach (`path/required-branch`), with why.
    pub required_outcomes: &'static [(Outcome, &'static str)],
    /// Who must give the debt-collector disclosure (`disclosure/mini-miranda`); None: nobody.
    pub mini_miranda: Option<Collectors>,
    /// Channels whose templates must say how to stop receiving them.
    pub opt_out_channels: &'static [Channel],
    /// Collection documents must name the creditor and its tax id (CDC art. 42-A).
    pub creditor_identity: bool,
    /// Which of these values a configuration file set, and where: shown in the findings.
    pub configured: Configured,
}

/// Which parameters `cordial.toml` set, and where (several settings when the strictest of
/// several states' windows applies). Empty: the pack's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Configured {
    pub weekdays: Vec<Arc<Setting>>,
    pub saturday: Vec<Arc<Setting>>,
    pub sunday: Vec<Arc<Setting>>,
    pub call_cap: Vec<Arc<Setting>>,
    pub bureau_notice: Vec<Arc<Setting>>,
}

/// One configured value as a reviewer reads it in a finding:
/// `cordial.toml:12: [jurisdiction.br.states.SP] weekdays = 09:00–18:00`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// `file:line` of the value.
    pub at: String,
    /// The table, key and value.
    pub what: String,
}

impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.what)
    }
}

/// The notes of some settings, or None when none is configured.
pub fn settings_note<'a>(settings: impl IntoIterator<Item = &'a Arc<Setting>>) -> Option<String> {
    let notes: Vec<String> = settings.into_iter().map(|s| s.to_string()).collect();
    (!notes.is_empty()).then(|| notes.join("; "))
}

impl Configured {
    /// Nothing configured: the pack's own table.
    pub const NONE: Self = Self {
        weekdays: Vec::new(),
        saturday: Vec::new(),
        sunday: Vec::new(),
        call_cap: Vec::new(),
        bureau_notice: Vec::new(),
    };
}

impl BureauNotice {
    /// The number of days the notice takes.
    pub fn days(&self) -> u32 {
        match *self {
            Self::LetterBefore { days, .. } | Self::AfterFirstContact { days, .. } => days,
        }
    }
    /// The same notice with another number of days.
    pub fn with_days(self, days: u32) -> Self {
        match self {
            Self::LetterBefore { citation, .. } => Self::LetterBefore { days, citation },
            Self::AfterFirstContact { citation, .. } => Self::AfterFirstContact { days, citation },
        }
    }
}

static US: JurisdictionParams = JurisdictionParams {
    jurisdiction: Jurisdiction::Us,
    contact_hours: LegalHours {
        weekdays: Some(Window::hours(8, 21)),
        saturday: Some(Window::hours(8, 21)),
        sunday: Some(Window::hours(8, 21)),
        binding: true,
        citation: "15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i): not before 8 a.m. or after 9 p.m. in the consumer's local time",
    },
    call_cap: Some(CallCap {
        max_attempts: 7,
        window_days: 7,
        citation: "12 CFR 1006.14(b)(2)(i): more than 7 calls within 7 consecutive days is presumed harassment",
        binding: true,
    }),
    bureau_notice: Some(BureauNotice::AfterFirstContact {
        days: 14,
        citation: "12 CFR 1006.30(a)(1) and comment 30(a)(1)-2: speak to the consumer or wait 14 consecutive days after a message before furnishing to a consumer reporting agency",
    }),
    required_outcomes: &[
        (
            Outcome::Dispute,
            "the consumer may dispute the debt, and collection pauses until it is verified (15 U.S.C. 1692g(b); 12 CFR 1006.34)",
        ),
        (
            Outcome::WrongParty,
            "a third party who answers must learn nothing about the debt (15 U.S.C. 1692b, 1692c(b))",
        ),
    ],
    mini_miranda: Some(Collectors::ThirdPartyOnly),
    opt_out_channels: &[Channel::Sms, Channel::Email],
    creditor_identity: false,
    configured: Configured::NONE,
};

static BR: JurisdictionParams = JurisdictionParams {
    jurisdiction: Jurisdiction::Br,
    contact_hours: LegalHours {
        weekdays: Some(Window::hours(8, 20)),
        saturday: Some(Window::hours(8, 14)),
        sunday: None,
        binding: true,
        citation: "CDC art. 42 and 71 (no interference with rest or leisure); state laws such as São Paulo Lei 15.426/2014 and Alagoas Lei 7.782/2016: Mon–Fri 08:00–20:00, Sat 08:00–14:00, no Sundays or holidays",
    },
    // No Brazilian statute fixes a number: this is cordial's default (reported as a warning),
    // the Regulation F presumption applied to CDC art. 42's ban on harassing contact.
    call_cap: Some(CallCap {
        max_attempts: 7,
        window_days: 7,
        citation: "CDC art. 42 (no constraint or harassment in collection) and art. 71 (repeated, disturbing contact); the law fixes no number: 7 attempts in 7 days is cordial's default, after 12 CFR 1006.14(b)(2)(i)",
        binding: false,
    }),
    bureau_notice: Some(BureauNotice::LetterBefore {
        days: 10,
        citation: "CDC art. 43 §2; STJ Súmulas 359 and 404; REsp 2.056.285/RS (2023): written notice by post before registration, e-mail or SMS alone does not suffice",
    }),
    required_outcomes: &[(
        Outcome::HardshipReferral,
        "an over-indebted consumer has the right to a renegotiation that preserves the mínimo existencial (CDC art. 104-A, Lei 14.181/2021)",
    )],
    mini_miranda: None,
    opt_out_channels: &[],
    creditor_identity: true,
    configured: Configured::NONE,
};

static UK: JurisdictionParams = JurisdictionParams {
    jurisdiction: Jurisdiction::Uk,
    contact_hours: LegalHours {
        weekdays: Some(Window::hours(8, 21)),
        saturday: Some(Window::hours(8, 21)),
        sunday: Some(Window::hours(8, 21)),
        binding: false,
        citation: "FCA CONC 7.9.4G: no contact at unreasonable times; the rules fix no hours, 08:00–21:00 is the usual reading",
    },
    call_cap: None,
    bureau_notice: None,
    required_outcomes: &[
        (
            Outcome::Dispute,
            "a customer who disputes the debt must be heard and collection suspended while it is investigated (FCA CONC 7.14)",
        ),
        (
            Outcome::HardshipReferral,
            "a customer in difficulty must be treated with forbearance and pointed to free debt advice (FCA CONC 7.3.4R, 7.3.7AR)",
        ),
    ],
    mini_miranda: None,
    opt_out_channels: &[],
    creditor_identity: false,
    configured: Configured::NONE,
};

/// The parameters of a jurisdiction's pack.
pub fn params(jurisdiction: Jurisdiction) -> &'static JurisdictionParams {
    match jurisdiction {
        Jurisdiction::Us => &US,
        Jurisdiction::Br => &BR,
        Jurisdiction::Uk => &UK,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pack_answers_for_its_own_jurisdiction() {
        for j in [Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk] {
            assert_eq!(params(j).jurisdiction, j);
        }
    }

    #[test]
    fn windows_contain_their_own_bounds_only() {
        let w = Window::hours(8, 20);
        assert!(w.contains(8 * 60, 20 * 60));
        assert!(!w.contains(7 * 60 + 59, 20 * 60));
        assert!(!w.contains(8 * 60, 20 * 60 + 1));
        assert!(!w.contains(12 * 60, 9 * 60));
        assert_eq!(w.describe(), "08:00–20:00");
    }
}
