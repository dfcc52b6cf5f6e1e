//! The settings screen: validated, saved, and an agreement added.

use crate::*;

async fn run_settings(driver: &WebDriver) -> WebDriverResult<(String, String, String, String)> {
    button(driver, "Settings").await?.click().await?;
    let form = "form[data-form='settings']";
    fill(driver, form, "authority", "Northshire County Council").await?;
    fill(driver, form, "decision_prefix", "N CNP").await?;
    fill(driver, form, "first_review_months", "3").await?;
    fill(driver, form, "review_months", "12").await?;
    button(driver, "Save settings").await?.click().await?;
    let refused = wait_for(driver, &format!("{form} .field-error .error-message"))
        .await?
        .text()
        .await?;
    fill(driver, form, "decision_prefix", "NCP").await?;
    button(driver, "Save settings").await?.click().await?;
    wait_text(driver, ".banner-success", "settings are saved").await?;
    let header = wait_text(driver, ".header-authority", "Northshire").await?;
    let form = "form[data-form='agreement']";
    fill(driver, form, "year", "2031/32").await?;
    fill(driver, form, "contributions.0", "2,500,000").await?;
    fill(driver, form, "contributions.1", "2,400,000").await?;
    fill(driver, form, "contributions.2", "2,400,000.00").await?;
    button(driver, "Save agreement").await?.click().await?;
    let agreements = wait_text(driver, "[data-testid='agreements']", "2031/32").await?;
    // The finance settings: no day of grace refused at its field, then saved.
    let form = "form[data-form='finance']";
    fill(driver, form, "escalation_days", "0").await?;
    fill(driver, form, "uplift", "120").await?;
    choose(driver, form, "lead_partner", "Social care (SC)").await?;
    choose(driver, form, "statement_months", "Quarterly").await?;
    button(driver, "Save finance settings")
        .await?
        .click()
        .await?;
    wait_for(driver, &format!("{form} .field-error .error-message")).await?;
    let mut finance = String::new();
    for e in driver
        .find_all(By::Css(format!("{form} .field-error .error-message")))
        .await?
    {
        finance.push_str(&e.text().await?);
        finance.push('\n');
    }
    fill(driver, form, "escalation_days", "14").await?;
    fill(driver, form, "uplift", "2.5").await?;
    button(driver, "Save finance settings")
        .await?
        .click()
        .await?;
    wait_text(driver, ".banner-success", "finance settings are saved").await?;
    screenshot(driver, "settings.png").await?;
    Ok((refused, header, agreements, finance))
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_are_validated_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let (refused, header, agreements, finance) =
        drive(&db, |d| async move { run_settings(&d).await })
            .await
            .expect("the settings screen did not work");
    assert!(
        refused.contains("\"N CNP\" may hold only letters"),
        "{refused}"
    );
    assert_eq!(header, "Northshire County Council");
    assert!(agreements.contains("£7,300,000.00"), "{agreements}");
    let store = open_db(&db);
    let s = store.settings().unwrap();
    assert_eq!(
        (
            s.decision_prefix.as_str(),
            s.first_review_months,
            s.review_months
        ),
        ("NCP", 3, 12)
    );
    let a = store
        .agreement(panel_core::FinancialYear::starting(2031).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(a.contributions[0].to_string(), "£2,500,000.00");
    assert!(finance.contains("from 1 to 365"), "{finance}");
    assert!(
        finance.contains("\"120\" is not a percentage from 0 to 100"),
        "{finance}"
    );
    let f = store.finance_settings().unwrap();
    assert_eq!(
        (
            f.escalation_days,
            f.lead_partner.as_deref(),
            f.statement_months
        ),
        (14, Some("SC"), 3)
    );
    assert_eq!(f.uplift.basis_points(), 250);
}
