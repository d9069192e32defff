//! `wwk check`: the voorzieningencheck as the app's check screen records it —
//! a new check with its quick-screen answers and a status per regulation,
//! later steps of the trajectory (aanvraag ingediend, toegekend with the real
//! amount, afgewezen, niet aangevraagd), and a check with its history.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::catalog::ScreenInput;
use wijkwaardenkaart::domain::check::{Check, CheckInput, CheckItemInput};
use wijkwaardenkaart::domain::check_action::CheckActionInput;
use wijkwaardenkaart::domain::check_step::{parse_euros, CheckStepInput};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Leg een nieuwe voorzieningencheck vast
    Add {
        /// Id van het huishouden
        #[arg(long)]
        household: String,
        /// Id van het gesprek waaruit de check volgt
        #[arg(long)]
        conversation: Option<String>,
        /// Datum van de check (JJJJ-MM-DD)
        #[arg(long)]
        date: String,
        /// Soort huishouden (zie `wwk catalog show regulations`)
        #[arg(long)]
        household_type: String,
        /// Leeftijdsgroep van de oudste volwassene
        #[arg(long)]
        age_group: String,
        /// Inkomensklasse
        #[arg(long)]
        income_band: String,
        /// Woonsituatie (huur)
        #[arg(long)]
        rent_band: String,
        /// Kinderen jonger dan 18
        #[arg(long, default_value_t = 0)]
        children: u32,
        /// Regeling en status, bijv. `leergeld=mogelijk_recht` (herhaalbaar)
        #[arg(long = "item", value_name = "REGELING=STATUS", required = true)]
        items: Vec<String>,
    },
    /// Leg een volgende stap vast voor één regeling in een check
    Step {
        /// Id van de check
        check: String,
        /// Id van de regeling, bijv. leergeld
        #[arg(long)]
        regulation: String,
        /// Nieuwe status: aangevraagd, toegekend, afgewezen, niet_aangevraagd, ontvangt_al, …
        #[arg(long)]
        status: String,
        /// Datum van de stap (JJJJ-MM-DD), niet vóór de check
        #[arg(long)]
        date: String,
        /// Bij aangevraagd: wie hielp (formulierenbrigade, few of zelf)
        #[arg(long)]
        helper: Option<String>,
        /// Bij toegekend: het bedrag in euro's, bijv. 85 of 85,50
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// Bij toegekend: maand, jaar of eenmalig
        #[arg(long)]
        period: Option<String>,
        /// Bij toegekend: ingangsdatum (standaard de datum van de stap)
        #[arg(long)]
        starts: Option<String>,
        /// Bij afgewezen of niet_aangevraagd: de reden (code)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Leg vast wat er verder in de check is gedaan: schulden, budgetplan, uitkering, overdracht aan de FEW
    Action {
        /// Id van de check
        check: String,
        /// schulden, budgetplan, uitkering of few_overdracht (legt ook een doorverwijzing naar de FEW vast)
        #[arg(long)]
        kind: String,
        /// Bij uitkering: gemeente, uwv of svb
        #[arg(long)]
        agency: Option<String>,
        /// Datum (JJJJ-MM-DD), niet vóór de check
        #[arg(long)]
        date: String,
    },
    /// Toon een check met de huidige status per regeling en alle stappen
    Show {
        /// Id van de check
        check: String,
    },
    /// Toon de checks van een huishouden (om er een te heropenen)
    List {
        /// Id van het huishouden
        household: String,
    },
    /// Toon aanvragen zonder besluit die langer lopen dan het ingestelde aantal weken
    Pending {
        /// Stel eerst het aantal weken in (1 tot 52; standaard 6)
        #[arg(long)]
        weeks: Option<u32>,
    },
}

fn item(s: &str) -> Result<CheckItemInput, CliError> {
    let (reg, status) = s.split_once('=').ok_or_else(|| {
        CliError::usage(format!(
            "--item \"{s}\": schrijf regeling=status, bijv. leergeld=mogelijk_recht"
        ))
    })?;
    Ok(CheckItemInput {
        regulation_id: reg.trim().to_string(),
        status: status.trim().to_string(),
        estimated_yearly_eur: None,
    })
}

fn describe(c: &Check) -> String {
    let mut s = format!(
        "Voorzieningencheck {} van {} in {}\n",
        c.id, c.checked_on, c.wijk_code
    );
    for i in &c.items {
        let since = i
            .status_on
            .as_deref()
            .map(|d| format!(" sinds {d}"))
            .unwrap_or_default();
        let granted = i
            .granted_yearly_eur
            .map(|e| format!("  toegekend € {e} per jaar"))
            .unwrap_or_default();
        let estimate = i
            .estimated_yearly_eur
            .map(|e| format!("  (schatting € {e} per jaar)"))
            .unwrap_or_default();
        s += &format!(
            "  {:<28} {}{since}{granted}{estimate}\n",
            i.regulation_id, i.status
        );
    }
    for a in &c.actions {
        s += &format!("  {}  {}\n", a.done_on, a.kind);
    }
    if !c.steps.is_empty() {
        s += "Stappen:\n";
        for st in &c.steps {
            s += &format!("  {}  {:<28} {}\n", st.step_on, st.regulation_id, st.status);
        }
    }
    s
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Add {
            household,
            conversation,
            date,
            household_type,
            age_group,
            income_band,
            rent_band,
            children,
            items,
        } => {
            let c = store.save_check(&CheckInput {
                id: None,
                household_id: household.clone(),
                conversation_id: conversation.clone(),
                checked_on: date.clone(),
                screen: ScreenInput {
                    household_type: household_type.clone(),
                    age_group: age_group.clone(),
                    income_band: income_band.clone(),
                    rent_band: rent_band.clone(),
                    children: *children,
                },
                items: items.iter().map(|s| item(s)).collect::<Result<_, _>>()?,
            })?;
            out.result(&c, || describe(&c));
        }
        Cmd::Step {
            check,
            regulation,
            status,
            date,
            helper,
            amount,
            period,
            starts,
            reason,
        } => {
            let amount_cents = amount.as_deref().map(parse_euros).transpose()?;
            let step = store.record_check_step(&CheckStepInput {
                check_id: check.clone(),
                regulation_id: regulation.clone(),
                status: status.clone(),
                step_on: date.clone(),
                helper: helper.clone(),
                amount_cents,
                period: period.clone(),
                starts_on: starts.clone(),
                reason: reason.clone(),
            })?;
            out.result(&step, || {
                let granted = step
                    .yearly_eur
                    .map(|e| format!(" (€ {e} per jaar)"))
                    .unwrap_or_default();
                format!(
                    "Stap vastgelegd: {} {} op {}{granted}.",
                    step.regulation_id, step.status, step.step_on
                )
            });
        }
        Cmd::Action {
            check,
            kind,
            agency,
            date,
        } => {
            let list = store.record_check_action(&CheckActionInput {
                check_id: check.clone(),
                kind: kind.clone(),
                agency: agency.clone(),
                done_on: date.clone(),
            })?;
            out.result(&list, || {
                list.iter()
                    .map(|a| format!("{}  {}\n", a.done_on, a.kind))
                    .collect()
            });
        }
        Cmd::Show { check } => {
            let c = store.check(check)?;
            out.result(&c, || describe(&c));
        }
        Cmd::List { household } => {
            let list = store.household_checks(household)?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen voorzieningencheck voor dit huishouden.".to_string();
                }
                list.iter()
                    .map(|c| {
                        format!(
                            "{}  check {}  laatste stap {}  {} aanvragen lopen\n",
                            c.id, c.checked_on, c.last_step_on, c.pending
                        )
                    })
                    .collect()
            });
        }
        Cmd::Pending { weeks } => {
            if let Some(w) = weeks {
                store.set_pending_weeks(*w)?;
            }
            let weeks = store.pending_weeks()?;
            let list = store.pending_applications(10_000)?;
            out.result(&list, || {
                if list.is_empty() {
                    return format!("Geen aanvragen die langer dan {weeks} weken lopen.");
                }
                list.iter()
                    .map(|p| {
                        format!(
                            "{:<28} aanvraag loopt {} weken (sinds {}) — navragen  {}  check {}\n",
                            p.regulation_name,
                            p.weeks,
                            p.applied_on,
                            p.address.as_deref().unwrap_or(&p.wijk_code),
                            p.check_id
                        )
                    })
                    .collect()
            });
        }
    }
    Ok(())
}
