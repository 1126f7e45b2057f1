/** The conformance kit a hospital runs against its own adapter before it is connected. */
package kr.hiway.adapter.conformance;
