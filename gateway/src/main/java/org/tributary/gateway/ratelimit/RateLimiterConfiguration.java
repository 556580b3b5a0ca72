package org.tributary.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.tributary.gateway.config.GatewayProperties;

/**
 * Chooses the limiter: Spring Cloud Gateway's {@link RedisRateLimiter} when Redis is configured ({@code
 * spring.data.redis.host} or {@code spring.data.redis.url} set, e.g. by {@code SPRING_DATA_REDIS_HOST}), an
 * in-memory token bucket otherwise. The choice is logged at start-up.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimiterConfiguration.class);

    @Bean
    @Conditional(RedisConfigured.class)
    RedisRateLimiter redisRateLimiter(GatewayProperties properties) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        return new RedisRateLimiter(limit.replenishRate(), limit.burstCapacity());
    }

    @Bean
    @Conditional(RedisConfigured.class)
    UserRateLimiter redisUserRateLimiter(
            RedisRateLimiter redisRateLimiter, GatewayProperties properties, Environment environment) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        String where = StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
                ? "url"
                : environment.getProperty("spring.data.redis.host") + ":"
                        + environment.getProperty("spring.data.redis.port", "6379");
        var shared = new RedisUserRateLimiter(
                redisRateLimiter,
                limit.keyPrefix(),
                limit.replenishRate(),
                "Redis (" + where + ") token bucket (" + limit.replenishRate() + "/s, burst " + limit.burstCapacity()
                        + ")");
        var local = new InMemoryRateLimiter(limit.replenishRate(), limit.burstCapacity());
        var breaking = new BreakingRateLimiter(shared, local, limit.redisTimeout(), limit.redisOpenFor());
        breaking.warmUp();
        return announce(breaking);
    }

    @Bean
    @Conditional(RedisNotConfigured.class)
    UserRateLimiter inMemoryUserRateLimiter(GatewayProperties properties) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        return announce(new InMemoryRateLimiter(limit.replenishRate(), limit.burstCapacity()));
    }

    private static UserRateLimiter announce(UserRateLimiter limiter) {
        log.info("Rate limiting per user with: {}", limiter.describe());
        return limiter;
    }

    static boolean redisConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
    }

    static final class RedisConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return redisConfigured(context.getEnvironment())
                    ? ConditionOutcome.match("Redis is configured")
                    : ConditionOutcome.noMatch("no spring.data.redis.host or url");
        }
    }

    static final class RedisNotConfigured extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return redisConfigured(context.getEnvironment())
                    ? ConditionOutcome.noMatch("Redis is configured")
                    : ConditionOutcome.match("no spring.data.redis.host or url");
        }
    }
}
