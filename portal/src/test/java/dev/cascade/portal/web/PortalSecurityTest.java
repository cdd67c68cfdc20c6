package dev.cascade.portal.web;

import dev.cascade.portal.PortalPageTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who reaches what without logging in. */
class PortalSecurityTest extends PortalPageTest {

    @Test
    void aPageWithoutLoginSendsThePersonToTheIssuer() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/cascade"));
        mvc.perform(get("/rollup/TE-2024/2024-Q4/108")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/cascade"));
        verifyNoInteractions(api);
    }

    @Test
    void theLoginStartsTheAuthorizationCodeFlowWithPkce() throws Exception {
        String location = mvc.perform(get("/oauth2/authorization/cascade")).andExpect(status().isFound())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith(ISSUER + "/oauth2/authorize?")
                .contains("response_type=code", "client_id=cascade-portal", "scope=openid%20profile",
                        "code_challenge_method=S256", "code_challenge=",
                        "redirect_uri=http://localhost/login/oauth2/code/cascade");
    }

    @Test
    void theHealthProbeTheStylesAndTheSignedOutPageAreOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/assets/portal.css")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/css")));
        var page = page(mvc.perform(get("/signed-out")).andExpect(status().isOk()));
        assertThat(page.select("h1").text()).isEqualTo("Đã đăng xuất");
        assertThat(page.getElementById("login-again").attr("href")).isEqualTo("/");
        // no one is signed in: the header shows no menu
        assertThat(page.select("header nav")).isEmpty();
    }

    @Test
    void theHtmxWebJarIsServedWithoutItsVersionInThePath() throws Exception {
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("htmx")));
    }
}
