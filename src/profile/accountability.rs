//! The profile's fixed texts: how the figures came about (method, sources,
//! catalogue versions), the suppression rule in plain language, and what the
//! profile leaves out for privacy.

use super::assemble::{Context, Labels};
use super::model::Accountability;

pub(super) fn accountability(ctx: &Context, labels: &Labels) -> Accountability {
    let pol = &ctx.policy;
    Accountability {
        method: vec![
            "De Wijkwaardenkaart brengt in kaart wat bewoners waardevol vinden in hun wijk. \
             Medewerkers gaan van deur tot deur en voeren een open gesprek zonder agenda: de bewoner \
             vertelt zijn of haar verhaal. Na het gesprek legt de medewerker vast welke waarden de \
             bewoner noemde, wat daarbij helpt (bevorderend) en wat het lastig maakt (belemmerend). \
             De lijst van waarden is een codeerschema voor de medewerkers, dat het team kan \
             aanvullen; bewoners kiezen niet uit een vaste lijst."
                .into(),
            "Bij de voorzieningencheck loopt een medewerker samen met het huishouden na of het \
             gebruikmaakt van landelijke en Nijmeegse regelingen en fondsen. Een snelle check op \
             huishoudtype, leeftijd, inkomen en woonsituatie geeft een indicatie van mogelijk recht; \
             dat is geen besluit. Bedragen zijn schattingen per jaar op basis van de catalogus."
                .into(),
            "Een huishouden telt als benaderd als er minstens één keer is aangebeld, en als bereikt \
             als er een bewoner is gesproken. Vervolg gewenst telt huishoudens die in een gesprek \
             om een vervolg vroegen. Per huishouden telt de laatste voorzieningencheck in de periode."
                .into(),
        ],
        sources: vec![
            "Registraties van deurbezoeken, gesprekken, voorzieningenchecks en doorverwijzingen \
             in Wijkwaardenkaart."
                .into(),
            crate::catalog::nijmegen().attribution.clone(),
            format!(
                "Regelingencatalogus {}; bedragen en grenzen met bron en jaar per regeling.",
                labels.catalog_year
            ),
        ],
        catalogs: labels.catalogs.clone(),
        suppression: pol.describe(),
        privacy: vec![
            "Dit profiel bevat geen persoonsgegevens: geen namen, adressen, contactgegevens, \
             verhalen of namen van medewerkers. Alle cijfers zijn opgeteld over de wijk, het \
             stadsdeel of de stad."
                .into(),
            format!(
                "Onderdelen met minder dan {} gesprekken of checks worden niet getoond. Citaten \
                 staan er alleen in als de bewoner toestemming gaf voor het gesprek én voor het \
                 citaat, en alleen als er minstens {} gesprekken zijn. Citaten worden ontdaan van \
                 namen, adressen, telefoonnummers en e-mailadressen en nooit aan een persoon, \
                 straat of datum gekoppeld.",
                pol.k, pol.k
            ),
        ],
    }
}
