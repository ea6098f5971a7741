package georisk.config;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertWebhookTest {

    @Test
    void shouldReadTheFormatBeforeTheUrlAndTakeJsonForABareUrl() {
        assertThat(AlertWebhook.parse("slack=https://hooks.slack.com/services/T0/B0/secret"))
                .isEqualTo(new AlertWebhook(AlertWebhook.Format.SLACK, URI.create("https://hooks.slack.com/services/T0/B0/secret")));
        assertThat(AlertWebhook.parse("json=http://alerts.internal:8080/georisk?token=x").format())
                .isEqualTo(AlertWebhook.Format.JSON);
        assertThat(AlertWebhook.parse(" https://example.org/hook?a=b=c ").url())
                .isEqualTo(URI.create("https://example.org/hook?a=b=c"));
    }

    @Test
    void shouldShowOnlySchemeAndHostOfAUrl() {
        final AlertWebhook slack = AlertWebhook.parse("slack=https://hooks.slack.com/services/T0/B0/secret");

        assertThat(slack.masked()).isEqualTo("https://hooks.slack.com/***");
        assertThat(slack.toString()).isEqualTo("slack=https://hooks.slack.com/***");
        assertThat(AlertWebhook.parse("https://user:pw@example.org:8443/h?t=1").masked())
                .isEqualTo("https://***@example.org:8443/***");
        assertThat(AlertWebhook.parse("http://example.org").masked()).isEqualTo("http://example.org");
    }

    @Test
    void shouldRefuseABadWebhookNamingTheSettingWithoutItsSecret() {
        assertThatThrownBy(() -> AlertWebhook.parse("teams=https://example.org/secret"))
                .isInstanceOf(SettingException.class)
                .hasMessage("--alert-webhook (GEORISK_ALERT_WEBHOOKS) = 'teams=https://example.org/***': unknown body "
                        + "format 'teams': expected slack=URL or json=URL");
        assertThatThrownBy(() -> AlertWebhook.parse("slack=ftp://example.org/secret"))
                .hasMessageContaining("expected an absolute http:// or https:// URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AlertWebhook.parse("slack=https://exa mple.org/secret"))
                .hasMessageContaining("not a URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AlertWebhook.parse("hooks.slack.com/secret"))
                .hasMessageContaining("'***'").hasMessageNotContaining("secret");
    }
}
