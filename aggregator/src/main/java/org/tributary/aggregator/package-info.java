/**
 * The regional aggregator. Not built yet: it comes with the issue "Aggregator: Camel federation routes, regional
 * combination, indicator catalogue, scheduled releases, exports". The module exists so that the build has its
 * final shape.
 */
package org.tributary.aggregator;
