//! Back and Forward through the screens, and a reload that keeps the place.

use crate::*;

/// Where the app is after each step of the history test: the address and the first heading.
async fn place(driver: &WebDriver) -> WebDriverResult<(String, String)> {
    let url = driver.current_url().await?;
    let hash = url.fragment().unwrap_or("").to_string();
    let heading = wait_for(driver, "main h1").await?.text().await?;
    Ok((hash, heading))
}

/// Waits until the address after `#` is `hash`, then says where the app is.
async fn arrive(driver: &WebDriver, hash: &str) -> WebDriverResult<(String, String)> {
    arrive_where(driver, |h| h == hash).await
}

/// Waits until the address after `#` is one `wanted` accepts, then says where the app is.
async fn arrive_where(
    driver: &WebDriver,
    wanted: impl Fn(&str) -> bool,
) -> WebDriverResult<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = driver.current_url().await?;
        if wanted(url.fragment().unwrap_or("")) || Instant::now() > deadline {
            // Let the screen named by the address render before reading its heading.
            tokio::time::sleep(Duration::from_millis(200)).await;
            return place(driver).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn run_history(driver: &WebDriver) -> WebDriverResult<Vec<(String, String)>> {
    let mut seen = Vec::new();
    seen.push(arrive(driver, "/meetings").await?);
    button(driver, "Cases").await?.click().await?;
    seen.push(arrive(driver, "/cases").await?);
    wait_for(driver, "main a.row-link").await?.click().await?;
    seen.push(arrive_where(driver, |h| h.starts_with("/case/")).await?);
    // Alt+Left goes back, as in a browser.
    driver
        .find(By::Css("body"))
        .await?
        .send_keys(Key::Alt + Key::Left)
        .await?;
    seen.push(arrive(driver, "/cases").await?);
    // The header's Back and Forward buttons.
    wait_for(driver, "button[aria-label='Back']")
        .await?
        .click()
        .await?;
    seen.push(arrive(driver, "/meetings").await?);
    wait_for(driver, "button[aria-label='Forward']")
        .await?
        .click()
        .await?;
    seen.push(arrive(driver, "/cases").await?);
    // A reload (the database stays unlocked) opens the same screen.
    driver.refresh().await?;
    wait_for(driver, "[data-user]").await?;
    seen.push(arrive(driver, "/cases").await?);
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread")]
async fn back_and_forward_go_through_the_screens_and_a_reload_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = example_db(&dir);
    let seen = drive(&db, |d| async move { run_history(&d).await })
        .await
        .expect("moving back and forward did not work");
    let hashes: Vec<&str> = seen.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(hashes[0], "/meetings", "{seen:?}");
    assert_eq!(hashes[1], "/cases", "{seen:?}");
    assert!(hashes[2].starts_with("/case/"), "{seen:?}");
    assert_eq!(
        &hashes[3..],
        ["/cases", "/meetings", "/cases", "/cases"],
        "{seen:?}"
    );
    assert_eq!(seen[1].1, "Cases");
    assert_eq!(seen[4].1, "Meetings");
    assert_eq!(
        seen[6].1, "Cases",
        "the reloaded app shows the screen it was on"
    );
}
