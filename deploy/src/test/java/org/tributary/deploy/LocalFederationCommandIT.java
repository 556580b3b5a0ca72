package org.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer types it ({@code deploy/federation.sh}), over the packaged launcher: its
 * classpath must hold every class {@code up} uses (it once lacked the common library and failed after Keycloak and
 * the nodes had been started). {@code plan} goes through the same classes without starting anything.
 */
class LocalFederationCommandIT {

    @Test
    void theRunCommandsLauncherFindsEveryClassItNeeds() throws Exception {
        Path script = Path.of("federation.sh").toAbsolutePath();
        assertThat(script).exists();
        Process process = new ProcessBuilder("bash", script.toString(), "plan", "--countries", "KH,TH")
                .redirectErrorStream(true)
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed)
                .contains("gateway", "http://127.0.0.1:8080")
                .containsPattern("node-kh signs with the DEMO key \\S{20,}")
                .containsPattern("node-th signs with the DEMO key \\S{20,}")
                .doesNotContain("Exception");
        assertThat(Files.list(script.getParent().resolve("target"))
                        .anyMatch(p -> p.getFileName().toString().startsWith("tributary-deploy-")))
                .isTrue();
        System.out.println("run command: deploy/federation.sh plan printed:\n" + printed);
    }
}
