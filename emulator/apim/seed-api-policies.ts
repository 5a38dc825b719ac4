// API-scope policies of the demo service as administrators write them in the portal's code editor (rawxml):
// C# expressions with quotes, `&&`, generics, shifts and lambdas, XML inside string literals, CDATA, comments
// and named values. They exist so that every read-modify-write of a policy is tested against real-world text.

const TAIL = `  <backend>
    <base />
  </backend>`;

/** Token validation as the API's owners write it: Entra's v1 and v2 issuers, the API's client id and App ID URI as audiences. */
const validateEntraToken = (api: string) =>
  `    <validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized. Access token is missing or invalid." output-token-variable-name="jwt">
      <openid-config url="{{entra-openid-config-url}}" />
      <audiences>
        <audience>{{${api}-client-id}}</audience>
        <audience>{{${api}-app-id-uri}}</audience>
      </audiences>
      <issuers>
        <issuer>{{entra-issuer-v2}}</issuer>
        <issuer>{{entra-issuer-v1}}</issuer>
      </issuers>
    </validate-jwt>`;

/**
 * The Orders API: CORS for the shop, token validation through named values, a per-caller rate limit, request
 * shaping, a health check before destructive calls in production, and a JSON error body built in C#.
 */
export function ordersApiPolicy(): string {
  return `<!--
  Orders API. Owner: commerce platform team.
  Tokens are validated once here; operations check roles. Named values: entra-openid-config-url, orders-*.
-->
<policies>
  <inbound>
    <base />
    <cors allow-credentials="true">
      <allowed-origins>
        <origin>{{orders-allowed-origin}}</origin>
      </allowed-origins>
      <allowed-methods preflight-result-max-age="300">
        <method>GET</method>
        <method>POST</method>
        <method>PUT</method>
        <method>PATCH</method>
        <method>DELETE</method>
      </allowed-methods>
      <allowed-headers>
        <header>Authorization</header>
        <header>Content-Type</header>
        <header>X-Env</header>
      </allowed-headers>
      <expose-headers>
        <header>X-Correlation-Id</header>
      </expose-headers>
    </cors>
${validateEntraToken('orders')}
    <rate-limit-by-key calls="300" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Subject ?? context.Request.IpAddress)" increment-condition="@(context.Response.StatusCode >= 200 && context.Response.StatusCode < 400)" />
    <set-variable name="caller-tier" value="@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(',').Any(r => r == "Orders.Admin") ? "admin" : "standard")" />
    <set-variable name="shard" value="@((context.Request.Headers.GetValueOrDefault("X-Customer-Id", "0").GetHashCode() >> 4) & 0x0F)" />
    <set-variable name="order-currency" value="@(context.Request.Body?.As<JObject>(preserveContent: true)?["currency"]?.ToString() ?? "EUR")" />
    <set-header name="X-Env" exists-action="skip">
      <value>@(context.Request.Headers.GetValueOrDefault("X-Env", "test"))</value>
    </set-header>
    <set-header name="X-Correlation-Id" exists-action="override">
      <value>@(context.RequestId.ToString("N"))</value>
    </set-header>
    <!-- Production deletes need a healthy status service first; "blocked" environments get a 451. -->
    <choose>
      <when condition="@(context.Request.Headers.GetValueOrDefault("X-Env","") == "blocked")">
        <return-response>
          <set-status code="451" reason="Unavailable For Legal Reasons" />
          <set-header name="Content-Type" exists-action="override">
            <value>application/json</value>
          </set-header>
          <set-body><![CDATA[{"statusCode":451,"message":"Orders are unavailable in this environment & region <see runbook>."}]]></set-body>
        </return-response>
      </when>
      <when condition="@(context.Request.Headers.GetValueOrDefault("X-Env","") == "prod" && context.Request.Method == "DELETE")">
        <send-request mode="new" response-variable-name="status-health" timeout="10" ignore-error="true">
          <set-url>{{orders-health-url}}</set-url>
          <set-method>GET</set-method>
          <set-header name="X-Health-Key" exists-action="override">
            <value>{{orders-backend-key}}</value>
          </set-header>
        </send-request>
        <choose>
          <when condition="@(context.Variables.GetValueOrDefault<IResponse>("status-health")?.StatusCode != 200)">
            <return-response>
              <set-status code="503" reason="Service Unavailable" />
            </return-response>
          </when>
        </choose>
      </when>
    </choose>
  </inbound>
${TAIL}
  <outbound>
    <base />
    <set-header name="X-Correlation-Id" exists-action="override">
      <value>@(context.RequestId.ToString("N"))</value>
    </set-header>
    <set-header name="X-Powered-By" exists-action="delete" />
  </outbound>
  <on-error>
    <base />
    <set-header name="Content-Type" exists-action="override">
      <value>application/json</value>
    </set-header>
    <set-body>@{
      var error = context.LastError;
      var detail = string.Join("; ", (error?.Message ?? "").Split('\\n').Where(line => line.Length > 0 && line.Length < 200));
      return new JObject(
        new JProperty("statusCode", context.Response.StatusCode),
        new JProperty("message", detail),
        new JProperty("source", "<gateway scope=\\"api\\"/>")
      ).ToString();
    }</set-body>
  </on-error>
</policies>`;
}

/** The Payments API: partner traffic, a per-subscription limit, the tenant from a named value, an amount computed in C#. */
export function paymentsApiPolicy(): string {
  return `<policies>
  <inbound>
    <base />
${validateEntraToken('payments')}
    <rate-limit-by-key calls="60" renewal-period="60" counter-key="@(context.Subscription?.Id ?? "anonymous")" />
    <set-header name="X-Tenant-Id" exists-action="override">
      <value>{{tenant-id}}</value>
    </set-header>
    <set-header name="X-Amount-Cents" exists-action="override">
      <value>@{
        var body = context.Request.Body?.As<JObject>(preserveContent: true);
        var amount = body?["amount"]?.Value<decimal>() ?? 0m;
        return ((long)(amount * 100) << 0).ToString();
      }</value>
    </set-header>
  </inbound>
${TAIL}
  <outbound>
    <base />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>`;
}
