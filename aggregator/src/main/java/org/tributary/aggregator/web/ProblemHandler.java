package org.tributary.aggregator.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tributary.support.web.ProblemHandlerBase;

/**
 * Every error of the aggregator's API as RFC 9457 problem details ({@link ProblemHandlerBase}). Request values here
 * are catalogue words, not personal data: they may be quoted (bounded).
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandlerBase {}
