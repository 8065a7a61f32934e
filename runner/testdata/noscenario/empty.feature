Feature: nothing here yet
  A feature whose scenarios are still to be written.
