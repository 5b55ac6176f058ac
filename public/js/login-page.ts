/** Login form: posts JSON to the API (so the CSRF guard sees a same-origin JSON request) and opens the dashboard. */
const form = document.getElementById("login-form") as HTMLFormElement;
const error = document.getElementById("login-error")!;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const data = new FormData(form);
  try {
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") }),
    });
    if (res.ok) {
      location.href = "/dashboard";
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    error.textContent = body.error?.message ?? `Error ${res.status}`;
  } catch {
    error.textContent = "Geen verbinding · No connection";
  }
  error.hidden = false;
});
