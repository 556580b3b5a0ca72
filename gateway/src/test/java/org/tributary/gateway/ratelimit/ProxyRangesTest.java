package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyRangesTest {

    @Test
    void addressesAndCidrRangesOfBothFamiliesMatchAndNothingElseDoes() {
        var ranges = new ProxyRanges(List.of("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "fd00::/8"));
        assertThat(ranges.contains("10.244.3.17")).isTrue();
        assertThat(ranges.contains("192.168.1.7")).isTrue();
        assertThat(ranges.contains("192.168.1.8")).isFalse();
        assertThat(ranges.contains("172.31.255.255")).isTrue();
        assertThat(ranges.contains("172.32.0.1")).isFalse();
        assertThat(ranges.contains("fd12:3456::1")).isTrue();
        assertThat(ranges.contains("2001:db8::1")).isFalse();
        assertThat(ranges.contains("11.0.0.1")).isFalse();
        // Names are never looked up, and nothing that is not a literal is trusted.
        assertThat(ranges.contains("localhost")).isFalse();
        assertThat(ranges.contains("10.0.0.1.evil.example")).isFalse();
        assertThat(ranges.contains("999.1.1.1")).isFalse();
        assertThat(ranges.contains("")).isFalse();
        assertThat(ranges.contains(null)).isFalse();
    }

    @Test
    void aBadEntryIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ProxyRanges(List.of("ingress.local")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyRanges(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProxyRanges(List.of()).isEmpty()).isTrue();
    }
}
