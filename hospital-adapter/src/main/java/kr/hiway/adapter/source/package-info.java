/** The hospital's side of the SDK: the source SPI through which an adapter reads its EMR. */
package kr.hiway.adapter.source;
