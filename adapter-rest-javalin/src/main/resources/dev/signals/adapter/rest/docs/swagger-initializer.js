// Swagger UI on this service's own OpenAPI document. Nothing is fetched from elsewhere: validatorUrl null
// turns off the badge that would call an online validator. "Authorize" takes the API key and secret
// (HTTP Basic) for client endpoints and the admin token (Bearer) for /v1/admin/...; they are kept in
// this page only, not stored in the browser.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null,
    persistAuthorization: false,
    displayRequestDuration: true
  });
});
