/**
 * An example HospitalSource over a relational EMR of its own design, for hospital developers to
 * copy.
 */
package kr.hiway.adapter.example.jdbc;
