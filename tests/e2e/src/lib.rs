//! The harness of the end-to-end tests: the real app (built with `cargo build -p
//! smart-sonic --features custom-protocol`) in WebKit under Xvfb, driven as a user
//! would through tauri-driver and WebKitWebDriver, against a local anvil. Each
//! session has its own X display and D-Bus session and saves screenshots to
//! `target/e2e-screenshots/`. The tests are in `tests/`, one file per area.

use std::{
    net::TcpListener,
    os::unix::process::CommandExt,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use alloy::{
    node_bindings::AnvilInstance,
    primitives::{Address, U256},
    providers::{Provider, ProviderBuilder},
};
use fantoccini::{Client, ClientBuilder, Locator};

/// anvil's public test mnemonic: the accounts hold 10 000 S each.
pub const MNEMONIC: &str = "test test test test test test test test test test test junk";
/// The password the tests give the vault.
pub const PASSWORD: &str = "correct horse 42";
/// An address outside the wallet (anvil's account 5).
pub const OUTSIDER: &str = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

/// The workspace root.
pub fn root() -> PathBuf {
    sonic_testkit::workspace()
}

/// A TCP port free on loopback now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A fresh anvil.
pub fn anvil() -> AnvilInstance {
    sonic_testkit::anvil(&[])
}

/// The S balance of `who` on the node, in wei: what really happened on chain.
pub async fn balance(node: &AnvilInstance, who: &str) -> U256 {
    let addr: Address = who.parse().expect("address");
    ProviderBuilder::new().connect_http(node.endpoint_url()).get_balance(addr).await.expect("balance")
}

/// Whole S in wei.
pub fn whole_s(whole: u64) -> U256 {
    U256::from(whole) * U256::from(10u64).pow(U256::from(18u64))
}

/// How long one session may last: 300 s, or `SONIC_E2E_SESSION_LIMIT` seconds. The
/// longest test takes about a minute on the 2-core CI machine; a WebDriver command
/// that never returned (a hung web process) once held CI until its 90-minute limit.
pub fn session_limit() -> Duration {
    let secs = std::env::var("SONIC_E2E_SESSION_LIMIT").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    Duration::from_secs(secs)
}

/// Ends a session that outlives [`session_limit`]: it kills the session's whole
/// process group (Xvfb, D-Bus, tauri-driver, WebKitWebDriver, the app), so a command
/// waiting on them fails and the test fails with it, instead of hanging the run.
/// Disarmed when dropped.
struct Watchdog {
    disarm: Option<mpsc::Sender<()>>,
}

impl Watchdog {
    fn arm(name: &'static str, group: u32, limit: Duration) -> Self {
        let (disarm, wait) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            if wait.recv_timeout(limit) != Err(mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            eprintln!(
                "{name}: the session ran past {limit:?} (a WebDriver command that never returned?): it is stopped"
            );
            kill_group(group, "TERM");
            std::thread::sleep(Duration::from_secs(3));
            kill_group(group, "KILL");
        });
        Self { disarm: Some(disarm) }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(tx) = self.disarm.take() {
            let _ = tx.send(());
        }
    }
}

/// Sends `signal` to every process of the group `group` (a session's, led by its
/// xvfb-run).
fn kill_group(group: u32, signal: &str) {
    if group > 1 {
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status();
    }
}

/// One display, one D-Bus session, one tauri-driver, one app.
pub struct Session {
    driver: Option<Child>,
    _watchdog: Watchdog,
    dir: tempfile::TempDir,
    /// The WebDriver client (for what the helpers do not cover, such as a reload).
    pub client: Client,
    name: &'static str,
    shots: u32,
    /// The driver's URL and the capabilities that start the app, for a restart.
    driver_url: String,
    caps: serde_json::Map<String, serde_json::Value>,
    /// The D-Bus connection that exports the app's tray menu, once found.
    tray_name: std::sync::Mutex<Option<String>>,
}

impl Session {
    /// Starts a session; a driver that does not come up (a busy machine, a port taken
    /// meanwhile) is stopped and tried once more.
    pub async fn start(name: &'static str, rpc: &str) -> Self {
        Self::start_with(name, rpc, &[]).await
    }

    /// [`Session::start`] with more environment variables for the app (a price
    /// source's URL...).
    pub async fn start_with(name: &'static str, rpc: &str, env: &[(&str, &str)]) -> Self {
        if let Some(s) = Self::try_start_with(name, rpc, env).await {
            return s;
        }
        Self::try_start_with(name, rpc, env).await.expect("tauri-driver answers and starts the app")
    }

    /// One attempt at [`Session::start`]; `None` when the driver never answers.
    pub async fn try_start(name: &'static str, rpc: &str) -> Option<Self> {
        Self::try_start_with(name, rpc, &[]).await
    }

    /// One attempt at [`Session::start_with`]; `None` when the driver never answers.
    pub async fn try_start_with(name: &'static str, rpc: &str, env: &[(&str, &str)]) -> Option<Self> {
        let dir = tempfile::tempdir().expect("tempdir");
        let port = free_port();
        let native_port = free_port();
        let app = root().join("target/debug/smart-sonic");
        assert!(app.exists(), "build the app first: cargo build -p smart-sonic --features custom-protocol");
        // The app's log outlives the session's temporary folder: a failure in CI can
        // be read after the run (`target/e2e-logs/<session>/`).
        let logs = root().join("target/e2e-logs").join(name);
        let _ = std::fs::remove_dir_all(&logs);
        std::fs::create_dir_all(&logs).expect("e2e log folder");
        let driver = Command::new("xvfb-run")
            .args(["-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--"])
            .arg(root().join("tests/e2e/session.sh"))
            .arg(dir.path())
            .arg(port.to_string())
            .arg(native_port.to_string())
            .env("SONIC_DATA_DIR", dir.path().join("data"))
            .env("SONIC_NETWORK", "local")
            .env("SONIC_RPC", rpc)
            .env("SONIC_INSECURE_KDF", "1")
            .env("SONIC_LOG_DIR", &logs)
            .env("HOME", dir.path())
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, which the watchdog and the end of the session
            // stop as a whole.
            .process_group(0)
            .spawn()
            .expect("xvfb-run tauri-driver");
        let watchdog = Watchdog::arm(name, driver.id(), session_limit());
        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({"tauri:options": {"application": app}})).expect("caps");
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if let Ok(client) = ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                return Some(Self {
                    driver: Some(driver),
                    _watchdog: watchdog,
                    dir,
                    client,
                    name,
                    shots: 0,
                    driver_url: url,
                    caps,
                    tray_name: Default::default(),
                });
            }
        }
        stop_driver(&dir, driver);
        None
    }

    /// The first element matching `css`, waiting up to 30 s for it. An error that ends
    /// a wait early (a page loading again at start: "unload"; WebKitWebDriver's
    /// "Could not parse element info" while the page re-renders) is waited past until
    /// those 30 s are up.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.try_find(css, Duration::from_secs(30)).await {
            Ok(e) => e,
            Err(e) => {
                self.save_failure_shot().await;
                panic!("{}: no element {css}: {e}", self.name)
            }
        }
    }

    /// [`Session::find`] within `patience`, the last error when it is not there. A
    /// crashed web process ends the wait at once.
    pub async fn try_find(&self, css: &str, patience: Duration) -> Result<fantoccini::elements::Element, String> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match self.client.wait().at_most(left).for_element(Locator::Css(css)).await {
                Ok(e) => return Ok(e),
                Err(e) if e.to_string().contains("page crash") => return Err(e.to_string()),
                Err(e) if tokio::time::Instant::now() + Duration::from_millis(200) < deadline => {
                    note_retry(self.name, css, &e.to_string());
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// Clicks the element matching `css`.
    ///
    /// The element is first scrolled to the middle of the window (WebKitWebDriver's own
    /// scrolling can leave it at an edge, where a click once missed), and a click that
    /// does not return within 20 s fails the test instead of hanging it.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        let centre = "const e = document.querySelector(arguments[0]); \
                      if (!e) { return ''; } \
                      e.scrollIntoView({block: 'center', inline: 'center'}); \
                      const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(',');";
        // A page still laying out (a price line or a chart arriving) moves the element
        // between WebDriver's reading of its place and the click, which then lands
        // beside it: wait (up to 3 s) until two readings 100 ms apart agree.
        let mut last = None;
        for _ in 0..30 {
            let at = self.client.execute(centre, vec![serde_json::Value::from(css)]).await.ok();
            if at.is_some() && at == last {
                break;
            }
            last = at;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        match tokio::time::timeout(Duration::from_secs(20), element.click()).await {
            Ok(done) => done.unwrap_or_else(|e| panic!("click {css}: {e}")),
            Err(_) => {
                self.save_failure_shot().await;
                panic!("{}: a click on {css} did not return in 20 s", self.name)
            }
        }
    }

    /// The texts of every element matching `css`, once at least one is there.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.find(css).await;
        let mut out = Vec::new();
        for e in self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find {css}: {e}")) {
            out.push(e.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}")));
        }
        out
    }

    /// Types a chat message and sends it with Enter.
    pub async fn say(&self, text: &str) {
        self.type_in("#chat-input", text).await;
        self.type_in("#chat-input", "\u{E007}").await;
    }

    /// Whether an element matching `css` is on the page now.
    pub async fn present(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Waits until no element matches `css` (a card taken off the screen).
    pub async fn gone(&self, css: &str) {
        for _ in 0..150 {
            if !self.present(css).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{}: {css} is still on the page", self.name);
    }

    /// Types `text` into the element matching `css`.
    pub async fn type_in(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.unwrap_or_else(|e| panic!("type in {css}: {e}"));
    }

    /// Replaces what a field holds with `text`, as a user would: select all, delete,
    /// type. (WebDriver's own clear sends no input event: the page's state kept the
    /// old value, and a render in between put it back in front of the new one, "40"
    /// becoming "10040".)
    pub async fn replace_in(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        // Control+A (the modifiers released by NULL), then Backspace.
        field.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        if !self.value(css).await.is_empty() {
            field.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
        }
        field.send_keys(text).await.unwrap_or_else(|e| panic!("type in {css}: {e}"));
    }

    /// The value an input holds.
    pub async fn value(&self, css: &str) -> String {
        self.find(css).await.prop("value").await.unwrap_or_else(|e| panic!("value of {css}: {e}")).unwrap_or_default()
    }

    /// Waits until the element's text satisfies `ok`; returns it.
    pub async fn text_until(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..150 {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = e.text().await {
                    if ok(&t) {
                        return t;
                    }
                    last = t;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.save_failure_shot().await;
        let body = match self.client.find(Locator::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        panic!("{}: {css} never matched; last text {last:?}; page: {body}", self.name);
    }

    /// Saves `<test>-failed.png`, if the driver answers within 10 s.
    async fn save_failure_shot(&self) {
        if let Ok(Ok(png)) = tokio::time::timeout(Duration::from_secs(10), self.client.screenshot()).await {
            let dir = root().join("target/e2e-screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{}-failed.png", self.name)), png);
        }
    }

    /// Saves a screenshot as `<test>-<n>-<label>.png`.
    pub async fn shot(&mut self, label: &str) {
        self.shots += 1;
        let dir = root().join("target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{}-{:02}-{label}.png", self.name, self.shots)), png);
        }
    }

    /// Runs the app binary a second time in this session (a deep link's delivery).
    pub fn second_launch(&self, arg: &str) {
        let env = std::fs::read_to_string(self.dir.path().join("session.env")).expect("session env");
        let mut cmd = Command::new(root().join("target/debug/smart-sonic"));
        for line in env.lines() {
            if let Some((k, v)) = line.split_once('=') {
                cmd.env(k, v);
            }
        }
        let status = cmd
            .arg(arg)
            .env("SONIC_DATA_DIR", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("second launch");
        assert!(status.success(), "the second instance hands the link over and exits");
    }

    /// A program to run inside this session's display and D-Bus session (such as
    /// `dunstctl`, to click a notification).
    pub fn in_session(&self, program: &str) -> Command {
        let env = std::fs::read_to_string(self.dir.path().join("session.env")).expect("session env");
        let mut cmd = Command::new(program);
        for line in env.lines() {
            if let Some((k, v)) = line.split_once('=') {
                cmd.env(k, v);
            }
        }
        cmd
    }

    /// Answers the system's file dialog titled `title` (GTK's, opened by the app) with
    /// `path`, as a user's keyboard would: the dialog is found and focused, the path
    /// typed into its location field and Enter pressed (xdotool in this session's
    /// display).
    pub async fn choose_in_file_dialog(&self, title: &str, path: &std::path::Path) {
        let mut window = String::new();
        for _ in 0..100 {
            let out = self.in_session("xdotool").args(["search", "--name", title]).output().expect("xdotool");
            window = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default().trim().to_string();
            if !window.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(!window.is_empty(), "{}: no file dialog titled {title:?} opened", self.name);
        // The dialog maps and draws its widgets before it takes keys.
        tokio::time::sleep(Duration::from_millis(800)).await;
        let xdo = |args: &[&str]| {
            let ok = self.in_session("xdotool").args(args).status().expect("xdotool").success();
            assert!(ok, "{}: xdotool {args:?} failed", self.name);
        };
        xdo(&["windowfocus", "--sync", &window]);
        xdo(&["key", "--clearmodifiers", "ctrl+l"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdo(&["type", "--delay", "15", &path.display().to_string()]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdo(&["key", "Return"]);
    }

    /// The labels of the app's tray menu, as the desktop's tray reads them: the
    /// menu the app exports on this session's D-Bus (com.canonical.dbusmenu, through
    /// libayatana-appindicator), asked with gdbus. Empty when no connection has it.
    pub fn tray_menu(&self) -> String {
        const MENU: &str = "/org/ayatana/NotificationItem/tray_icon_tray_app_main/Menu";
        let ask = |name: &str| {
            let out = self
                .in_session("gdbus")
                .args(["call", "--session", "--timeout", "2", "--dest", name, "--object-path", MENU])
                .args(["--method", "com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "['label']"])
                .output()
                .expect("gdbus");
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).to_string())
        };
        // The connection that answered last time first: asking every one costs seconds.
        let known = self.tray_name.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(menu) = known.as_deref().and_then(ask) {
            return menu;
        }
        let names = self
            .in_session("gdbus")
            .args(["call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus"])
            .args(["--method", "org.freedesktop.DBus.ListNames"])
            .output()
            .expect("gdbus");
        let names = String::from_utf8_lossy(&names.stdout).to_string();
        for name in names.split(['\'', ',', '[', ']', '(', ')', ' ']).filter(|n| n.starts_with(':')) {
            if let Some(menu) = ask(name) {
                *self.tray_name.lock().unwrap_or_else(|p| p.into_inner()) = Some(name.to_string());
                return menu;
            }
        }
        String::new()
    }

    /// Waits until the tray menu satisfies `ok`; returns it.
    pub async fn tray_until(&self, ok: impl Fn(&str) -> bool) -> String {
        let mut menu = String::new();
        for _ in 0..100 {
            menu = self.tray_menu();
            if ok(&menu) {
                return menu;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        panic!("{}: the tray menu never matched: {menu}", self.name)
    }

    /// The app's data directory, where clients of its host (`sonic`, `sonic mcp`)
    /// find it.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Quits the app (its WebDriver session ends) and starts it again in the same
    /// display, D-Bus session and data directory, as a user reopening it would.
    pub async fn restart(&mut self) {
        let _ = self.client.clone().close().await;
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let connected = ClientBuilder::native().capabilities(self.caps.clone()).connect(&self.driver_url).await;
            if let Ok(client) = connected {
                self.client = client;
                return;
            }
        }
        panic!("{}: the app did not start again", self.name);
    }

    /// The desktop notifications the session's D-Bus server has seen.
    pub fn notifications(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("notifications.log")).unwrap_or_default()
    }

    /// Imports anvil's mnemonic with the test password: the main page is shown.
    ///
    /// WebKit's web process has crashed at this first screen now and then in CI
    /// ("session deleted because of page crash or hang", before the test did anything
    /// of its own): the app is then started again, twice at most, and it says so.
    pub async fn onboard(&mut self) {
        for attempt in 1..=3 {
            let opened = match self.try_find("#mode-mnemonic", Duration::from_secs(30)).await {
                Ok(mode) => match mode.click().await {
                    Ok(()) => self.try_find("#import-secret", Duration::from_secs(30)).await.map(|_| ()),
                    Err(e) => Err(e.to_string()),
                },
                Err(e) => Err(e),
            };
            match opened {
                Ok(()) => break,
                Err(e) if attempt < 3 && e.contains("page crash") => {
                    eprintln!("{}: the web process crashed at the first screen ({e}); the app starts again", self.name);
                    self.restart().await;
                }
                Err(e) => panic!("{}: the first screen did not open the import form: {e}", self.name),
            }
        }
        self.type_in("#import-secret", MNEMONIC).await;
        self.type_in("#password", PASSWORD).await;
        self.shot("import").await;
        self.click("#onboarding-submit").await;
        self.find("#tab-wallet").await;
    }

    /// Ends the WebDriver session; dropping the session stops the driver.
    ///
    /// A test that got this far fails if the interface stopped on a panic of its own
    /// (its "stopped" screen, `#ui-fault`, is on), whatever the test asserted.
    pub async fn stop(self) {
        if let Ok(fault) = self.client.find(Locator::Css("#ui-fault")).await {
            let text = fault.text().await.unwrap_or_default();
            panic!("{}: the interface stopped: {text}", self.name);
        }
        let _ = self.client.clone().close().await;
        // Drop stops the driver.
    }
}

/// Says on stderr (shown for a failed test) that a wait for `css` ended early on a
/// driver error and goes on.
fn note_retry(session: &str, css: &str, error: &str) {
    eprintln!("{session}: waiting for {css} again after: {error}");
}

/// SIGTERM to tauri-driver (not SIGKILL: it must stop WebKitWebDriver), then SIGKILL
/// if it lingers; dbus-run-session and xvfb-run end with it, and whatever of the
/// session's process group is left is killed.
pub fn stop_driver(dir: &tempfile::TempDir, mut driver: Child) {
    let group = driver.id();
    let pid = std::fs::read_to_string(dir.path().join("driver.pid")).unwrap_or_default();
    let pid = pid.trim().to_string();
    let valid = !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()) && pid != "1";
    if valid {
        let _ = Command::new("kill").args(["-TERM", &pid]).stderr(Stdio::null()).status();
    }
    for _ in 0..100 {
        if driver.try_wait().ok().flatten().is_some() {
            kill_group(group, "KILL");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if valid {
        let _ = Command::new("kill").args(["-KILL", &pid]).stderr(Stdio::null()).status();
    }
    kill_group(group, "KILL");
    let _ = driver.kill();
    let _ = driver.wait();
}

impl Drop for Session {
    /// Stops the driver, also when a test failed.
    fn drop(&mut self) {
        if let Some(driver) = self.driver.take() {
            stop_driver(&self.dir, driver);
        }
    }
}
