package main

import "github.com/urfave/cli/v2"

func (a *App) runCommand() *cli.Command    { return &cli.Command{Name: "run"} }
func (a *App) reportCommand() *cli.Command { return &cli.Command{Name: "report"} }
func (a *App) stepsCommand() *cli.Command  { return &cli.Command{Name: "steps"} }
func (a *App) initCommand() *cli.Command   { return &cli.Command{Name: "init"} }
